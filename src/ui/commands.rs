//! Every user action with its name and shortcut, so menus, context menus, the shortcuts window
//! and the keyboard share one table.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::history::ops::Alignment;

/// Something the user asks the app to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    New,
    NewFromPreset,
    Open,
    Save,
    SaveAs,
    ExportPng,
    ExportSvg,
    ImportMermaid,
    ExportMermaid,
    AutoLayout,
    /// Line up or spread the selected nodes.
    Align(Alignment),
    Quit,
    Undo,
    Redo,
    Cut,
    Copy,
    Paste,
    Duplicate,
    Delete,
    SelectAll,
    Find,
    Group,
    EditLabel,
    AddNote,
    CopyImage,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    Fit,
    FitSelection,
    ToggleGrid,
    ToggleTheme,
    Shortcuts,
}

const fn key(modifiers: Modifiers, key: Key) -> Option<KeyboardShortcut> {
    Some(KeyboardShortcut::new(modifiers, key))
}

const CMD_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

impl Action {
    /// Actions listed in the shortcuts window, in reading order.
    pub const ALL: [Action; 40] = [
        Action::New,
        Action::NewFromPreset,
        Action::Open,
        Action::Save,
        Action::SaveAs,
        Action::ExportPng,
        Action::ExportSvg,
        Action::ImportMermaid,
        Action::ExportMermaid,
        Action::AutoLayout,
        Action::Align(Alignment::Left),
        Action::Align(Alignment::Centre),
        Action::Align(Alignment::Right),
        Action::Align(Alignment::Top),
        Action::Align(Alignment::Middle),
        Action::Align(Alignment::Bottom),
        Action::Align(Alignment::SpreadAcross),
        Action::Align(Alignment::SpreadDown),
        Action::Quit,
        Action::Undo,
        Action::Redo,
        Action::Cut,
        Action::Copy,
        Action::Paste,
        Action::Duplicate,
        Action::Delete,
        Action::SelectAll,
        Action::Find,
        Action::Group,
        Action::EditLabel,
        Action::AddNote,
        Action::CopyImage,
        Action::ZoomIn,
        Action::ZoomOut,
        Action::ZoomReset,
        Action::Fit,
        Action::FitSelection,
        Action::ToggleGrid,
        Action::ToggleTheme,
        Action::Shortcuts,
    ];

    /// The menu text.
    pub fn title(self) -> &'static str {
        match self {
            Action::New => "New",
            Action::NewFromPreset => "New from preset…",
            Action::Open => "Open…",
            Action::Save => "Save",
            Action::SaveAs => "Save As…",
            Action::ExportPng => "Export PNG…",
            Action::ExportSvg => "Export SVG…",
            Action::ImportMermaid => "Import mermaid…",
            Action::ExportMermaid => "Export mermaid…",
            Action::AutoLayout => "Auto layout",
            Action::Align(how) => how.title(),
            Action::Quit => "Quit",
            Action::Undo => "Undo",
            Action::Redo => "Redo",
            Action::Cut => "Cut",
            Action::Copy => "Copy",
            Action::Paste => "Paste",
            Action::Duplicate => "Duplicate",
            Action::Delete => "Delete",
            Action::SelectAll => "Select all",
            Action::Find => "Find on the board…",
            Action::Group => "Group selection",
            Action::EditLabel => "Edit label",
            Action::AddNote => "Add sticky note",
            Action::CopyImage => "Copy as image",
            Action::ZoomIn => "Zoom in",
            Action::ZoomOut => "Zoom out",
            Action::ZoomReset => "Actual size",
            Action::Fit => "Fit board",
            Action::FitSelection => "Fit selection",
            Action::ToggleGrid => "Show grid",
            Action::ToggleTheme => "Dark theme",
            Action::Shortcuts => "Keyboard shortcuts",
        }
    }

    /// The keyboard shortcut, if the action has one.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        match self {
            Action::New => key(Modifiers::COMMAND, Key::N),
            Action::NewFromPreset => key(CMD_SHIFT, Key::N),
            Action::Open => key(Modifiers::COMMAND, Key::O),
            Action::Save => key(Modifiers::COMMAND, Key::S),
            Action::SaveAs => key(CMD_SHIFT, Key::S),
            Action::ExportPng => key(CMD_SHIFT, Key::E),
            Action::Quit => key(Modifiers::COMMAND, Key::Q),
            Action::Undo => key(Modifiers::COMMAND, Key::Z),
            Action::Redo => key(CMD_SHIFT, Key::Z),
            Action::Cut => key(Modifiers::COMMAND, Key::X),
            Action::Copy => key(Modifiers::COMMAND, Key::C),
            Action::Paste => key(Modifiers::COMMAND, Key::V),
            Action::Duplicate => key(Modifiers::COMMAND, Key::D),
            Action::Delete => key(Modifiers::NONE, Key::Delete),
            Action::SelectAll => key(Modifiers::COMMAND, Key::A),
            Action::Find => key(Modifiers::COMMAND, Key::F),
            Action::Group => key(Modifiers::COMMAND, Key::G),
            Action::EditLabel => key(Modifiers::NONE, Key::F2),
            Action::AddNote => key(Modifiers::NONE, Key::N),
            Action::ZoomIn => key(Modifiers::NONE, Key::Plus),
            Action::ZoomOut => key(Modifiers::NONE, Key::Minus),
            Action::ZoomReset => key(Modifiers::NONE, Key::Num0),
            Action::Fit => key(Modifiers::NONE, Key::F),
            Action::FitSelection => key(Modifiers::SHIFT, Key::F),
            Action::ToggleGrid => key(Modifiers::NONE, Key::G),
            Action::Shortcuts => key(Modifiers::NONE, Key::F1),
            Action::AutoLayout => key(CMD_SHIFT, Key::L),
            Action::ExportSvg
            | Action::ImportMermaid
            | Action::ExportMermaid
            | Action::CopyImage
            | Action::Align(_)
            | Action::ToggleTheme => None,
        }
    }

    /// Whether the shortcut is a plain key that typing into a text field must not trigger.
    pub fn needs_canvas_focus(self) -> bool {
        self.shortcut().is_some_and(|s| !s.modifiers.command)
            || matches!(
                self,
                Action::SelectAll | Action::Undo | Action::Redo | Action::Duplicate | Action::Group
            )
    }

    /// Whether the action only changes the view or the window, so a drag in progress can go on
    /// through it.
    pub fn leaves_the_board_alone(self) -> bool {
        matches!(
            self,
            Action::ZoomIn
                | Action::ZoomOut
                | Action::ZoomReset
                | Action::Fit
                | Action::FitSelection
                | Action::ToggleGrid
                | Action::ToggleTheme
                | Action::Shortcuts
                | Action::Copy
                | Action::CopyImage
                | Action::ExportPng
                | Action::ExportSvg
                | Action::ExportMermaid
        )
    }

    /// The shortcut as text for menus ("Ctrl+S").
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcut().map(|s| ctx.format_shortcut(&s)).unwrap_or_default()
    }
}
