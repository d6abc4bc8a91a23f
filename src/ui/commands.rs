//! Every user action as a [`Command`] carrying its data, and the one table of their names,
//! tooltips and shortcuts that the menus, context menus, the shortcuts window, the command
//! palette and the keyboard all read.
//!
//! Panels never change the document: they push commands into a [`Commands`] queue, and
//! `App::apply` carries the queue out once per frame (rerun's command sender pattern).

use std::borrow::Cow;
use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::critique::Fix;
use crate::history::ops::Alignment;
use crate::layout::Direction;
use crate::model::{Accepted, EdgeMode, EdgeStyle, GroupKind, NodeStyle, Point};

/// The edge styles in the order menus list them.
pub(crate) const EDGE_STYLES: [EdgeStyle; 3] = [EdgeStyle::RightAngle, EdgeStyle::Straight, EdgeStyle::Curved];

/// What to do with unsaved changes before an action that would replace the board.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unsaved {
    /// Save them, then carry on.
    Save,
    /// Throw them away and carry on.
    Discard,
    /// Keep them and do nothing.
    Cancel,
}

/// Something the user asks the app to do, with what it needs to do it.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Start an empty board (asking first about unsaved changes).
    New,
    /// Open the preset gallery to start from a reference architecture.
    NewFromPreset,
    /// Choose a board file and open it (asking first about unsaved changes).
    Open,
    /// Open a file from the recent list.
    OpenRecent(PathBuf),
    /// Start a new board from a preset (asking first about unsaved changes).
    OpenPreset(String),
    /// Insert a preset beside what is on the board.
    InsertPreset(String),
    /// Save the board to its file (asking for one if it has none yet).
    Save,
    /// Save the board to a new file the user chooses.
    SaveAs,
    /// Write the board (or the selection) to a PNG picture the user names.
    ExportPng,
    /// Write the board (or the selection) to an SVG drawing the user names.
    ExportSvg,
    /// Open a file of another format (a mermaid flowchart, ...) as a new, unsaved board.
    Import,
    /// Open a folder of Terraform files as a new, unsaved board.
    ImportFolder,
    /// Read the board's source (the template or diagram it was imported from) again, keeping
    /// the positions of what is still there.
    Reimport,
    /// Write the board to a mermaid flowchart file the user names.
    ExportMermaid,
    /// Write the board to a draw.io diagram the user names (AWS shapes, bound arrows).
    ExportDrawio,
    /// Write the board to an Excalidraw scene the user names (boxes with bound arrows).
    ExportExcalidraw,
    /// Lay the board out in the direction its edges mostly point.
    AutoLayout,
    /// Lay the board out in a chosen direction.
    AutoLayoutIn(Direction),
    /// Line up or spread the selected nodes.
    Align(Alignment),
    /// Draw the board's edges in this style (edges with their own style keep it), one undo step.
    SetBoardEdgeStyle(EdgeStyle),
    /// Give one edge its own style, or with `None` let it follow the board's, one undo step.
    SetEdgeStyle {
        /// The index of the edge in the board's list.
        edge: usize,
        /// Its own style, or `None` for the board's.
        style: Option<EdgeStyle>,
    },
    /// Close archboard (asking first about unsaved changes).
    Quit,
    /// Take back the last change to the board.
    Undo,
    /// Do again the change last undone.
    Redo,
    /// Copy the selection, then delete it.
    Cut,
    /// Copy the selection, to paste in this or another window.
    Copy,
    /// Paste the last copied selection (the keyboard pastes the system clipboard's text).
    Paste,
    /// Paste text from the clipboard: board RON or a mermaid flowchart.
    PasteText(String),
    /// Copy the selected nodes beside themselves and select the copies.
    Duplicate,
    /// Delete the selection and its connections.
    Delete,
    /// Select every node and group.
    SelectAll,
    /// Open the find bar to look up nodes by label, id or service.
    Find,
    /// Wrap the selection in a group of the last kind used.
    Group,
    /// Wrap the selected nodes in a group of this kind.
    GroupAs(GroupKind),
    /// Draw an empty group of this kind in the middle of the view.
    AddEmptyGroup(GroupKind),
    /// Type a new label for the selected node or connection.
    EditLabel,
    /// Add a sticky note in the middle of the view and start typing its text.
    AddNote,
    /// Copy the board as a picture to paste into other apps.
    CopyImage,
    /// Zoom in around the middle of the view.
    ZoomIn,
    /// Zoom out around the middle of the view.
    ZoomOut,
    /// Go back to actual size (zoom 1).
    ZoomReset,
    /// Zoom and pan to show the whole board.
    Fit,
    /// Zoom and pan to show the selected nodes.
    FitSelection,
    /// Show or hide the grid (moves snap to it while shown).
    ToggleGrid,
    /// Switch between the light and dark theme.
    ToggleTheme,
    /// View > Node style: draw the board's nodes as AWS-style icons or as cards (a board
    /// setting saved in the file, undoable).
    SetNodeStyle(NodeStyle),
    /// View > Icon set…: draw with the icons of AWS's Architecture Icons package from a folder
    /// the user downloaded (remembered in the app's settings).
    ChooseIconSet,
    /// View > Icon set: back to archboard's own icons.
    UseOwnIcons,
    /// View > Numbers: each node's peak load and monthly cost on the canvas.
    ToggleNumbers,
    /// Show the numbers and the findings at ten times the stated load.
    ToggleTenX,
    /// Show the numbers and open the load estimator for the selected client.
    EstimateLoad,
    /// Write an estimated peak (`rps`) and average (`avg_rps`) on a client node, one undo step.
    SetClientLoad {
        /// The id of the client node.
        node: String,
        /// The estimated peak requests per second, as text.
        rps: String,
        /// The estimated average requests per second, as text.
        avg_rps: String,
    },
    /// Open or close the keyboard shortcuts window.
    Shortcuts,
    /// Open the command palette to find any command by name and run it.
    CommandPalette,
    /// Add a service at a world point (the middle of the view if `None`) and select it.
    AddService {
        /// The catalog id of the service to add.
        service: String,
        /// Where to put it, in world coordinates; `None` for the middle of the view.
        at: Option<Point>,
    },
    /// Set the board's title to this text, one undo step.
    SetTitle(String),
    /// Set the board's notes to this text, one undo step.
    SetNotes(String),
    /// Set the label of node `node` to `label`.
    SetLabel {
        /// The id of the node.
        node: String,
        /// Its new label.
        label: String,
    },
    /// Change node `node` to the catalog service `service`.
    SetService {
        /// The id of the node.
        node: String,
        /// The catalog id of its new service.
        service: String,
    },
    /// Set (or with `None` clear) a node property.
    SetProp {
        /// The id of the node.
        node: String,
        /// The property's name.
        key: String,
        /// Its new value; `None` removes the property.
        value: Option<String>,
    },
    /// Set the label and mode of the edge at `edge` in the board's list.
    SetEdge {
        /// The edge's index in the board's list of edges.
        edge: usize,
        /// Its new label.
        label: String,
        /// Its new mode: sync (the caller waits for the answer) or async.
        mode: EdgeMode,
    },
    /// Set (or with `None` clear) a figure on the edge at `edge`: `rps`, `share` or `op`.
    SetEdgeProp {
        /// The edge's index in the board's list of edges.
        edge: usize,
        /// The figure's name.
        key: String,
        /// Its new value; `None` removes the figure.
        value: Option<String>,
    },
    /// Swap the ends of the edge at this index in the board's list.
    ReverseEdge(usize),
    /// Set the kind and label of group `group`.
    SetGroup {
        /// The id of the group.
        group: String,
        /// Its new kind.
        kind: GroupKind,
        /// Its new label.
        label: String,
    },
    /// Move the selection by world units (the arrow keys).
    Nudge {
        /// How far to move right (negative: left).
        dx: f32,
        /// How far to move down (negative: up).
        dy: f32,
    },
    /// Connect two nodes (the end of a drag from a handle).
    Connect {
        /// The id of the node the connection starts at.
        from: String,
        /// The id of the node it goes to.
        to: String,
    },
    /// Commit the canvas drag that just ended as one undo step.
    FinishGesture,
    /// Carry out what a file dialog was opened for, on the path the user chose.
    Chosen {
        /// What the path is for (open, save, export, ...).
        task: crate::ui::files::FileTask,
        /// The file or folder chosen.
        path: PathBuf,
    },
    /// The answer to the question about unsaved changes.
    AnswerUnsaved(Unsaved),
    /// Restore the recovery copy that was offered at start (`true`) or throw it away.
    Restore(bool),
    /// Apply a finding's fix to its nodes.
    ApplyFix {
        /// The change the finding suggests.
        fix: Fix,
        /// The ids of the nodes the finding is about.
        nodes: Vec<String>,
    },
    /// Keep a finding as it is, with a reason.
    AcceptFinding(Accepted),
    /// Take back an accepted finding.
    Unaccept {
        /// The id of the finding's rule.
        rule: String,
        /// The ids of the nodes it was accepted for.
        nodes: Vec<String>,
    },
    /// Tick or untick a design checklist item.
    TickChecklist {
        /// The checklist item's id.
        item: String,
        /// Whether it is now done.
        ticked: bool,
    },
    /// Select exactly these nodes.
    SelectNodes(Vec<String>),
    /// Select these nodes and bring them into view.
    RevealNodes(Vec<String>),
    /// File > Practice round…: choose a question and a length for a timed round.
    PracticeRound,
    /// Start a timed round on a new board.
    StartRound {
        /// The question's title (or the typed question).
        question: String,
        /// The level it is pitched at.
        level: crate::practice::Level,
        /// The round's length in minutes.
        minutes: f64,
    },
    /// Move the round on to its next phase now.
    NextPhase,
    /// Stop or restart the round's clock.
    PauseRound,
    /// End the round and show the scorecard.
    EndRound,
    /// Show the scorecard of the board (and of the round, if any).
    ShowScorecard,
    /// Write the scorecard as Markdown beside the board's file.
    ExportScorecard,
    /// Play the round back from the empty board: a timeline to play, pause and scrub.
    ReplayRound,
    /// Hide the review panel until the round ends, as in a real interview.
    ToggleHideReview,
}

/// A queue of commands the panels fill during a frame and the app empties at its end.
#[derive(Debug, Default)]
pub struct Commands(Vec<Command>);

impl Commands {
    /// Asks for `command` to be carried out at the end of this frame.
    pub fn push(&mut self, command: Command) {
        self.0.push(command);
    }

    /// Takes the commands asked for so far, oldest first.
    pub fn take(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.0)
    }
}

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CMD: Modifiers = Modifiers::COMMAND;
const NONE: Modifiers = Modifiers::NONE;
const CMD_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

impl Command {
    /// Every command a person can run by name, in reading order: the shortcuts window and the
    /// command palette list these.
    pub fn table() -> Vec<Command> {
        use Command::*;
        let mut all = vec![
            New,
            NewFromPreset,
            Open,
            Save,
            SaveAs,
            ExportPng,
            ExportSvg,
            Import,
            ImportFolder,
            Reimport,
            ExportMermaid,
            ExportDrawio,
            ExportExcalidraw,
            AutoLayout,
        ];
        all.extend(Direction::ALL.map(AutoLayoutIn));
        all.extend(Alignment::ALL.map(Align));
        all.extend(EDGE_STYLES.map(SetBoardEdgeStyle));
        all.extend([
            Quit, Undo, Redo, Cut, Copy, Paste, Duplicate, Delete, SelectAll, Find, Group,
        ]);
        all.extend(GroupKind::ALL.map(GroupAs));
        all.extend(GroupKind::ALL.map(AddEmptyGroup));
        all.extend([
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
        ]);
        all.extend(NodeStyle::ALL.map(SetNodeStyle));
        all.extend([
            ChooseIconSet,
            UseOwnIcons,
            ToggleNumbers,
            ToggleTenX,
            Shortcuts,
            CommandPalette,
            PracticeRound,
            NextPhase,
            PauseRound,
            EndRound,
            ShowScorecard,
            ExportScorecard,
            ReplayRound,
            ToggleHideReview,
        ]);
        all
    }

    /// The menu text.
    pub fn title(&self) -> Cow<'static, str> {
        use Command::*;
        Cow::Borrowed(match self {
            New => "New",
            NewFromPreset => "New from preset…",
            Open => "Open…",
            OpenRecent(path) => return Cow::Owned(path.display().to_string()),
            OpenPreset(id) => return Cow::Owned(format!("Open preset {id}")),
            InsertPreset(id) => return Cow::Owned(format!("Insert preset {id}")),
            Save => "Save",
            SaveAs => "Save As…",
            ExportPng => "Export PNG…",
            ExportSvg => "Export SVG…",
            Import => "Import…",
            ImportFolder => "Import folder…",
            Reimport => "Reimport",
            ExportMermaid => "Export mermaid…",
            ExportDrawio => "Export draw.io…",
            ExportExcalidraw => "Export Excalidraw…",
            AutoLayout => "Auto layout",
            AutoLayoutIn(d) => return Cow::Owned(format!("Auto layout: {}", d.title())),
            Align(how) => how.title(),
            Quit => "Quit",
            Undo => "Undo",
            Redo => "Redo",
            Cut => "Cut",
            Copy => "Copy",
            Paste | PasteText(_) => "Paste",
            Duplicate => "Duplicate",
            Delete => "Delete",
            SelectAll => "Select all",
            Find => "Find on the board…",
            Group => "Group selection",
            GroupAs(kind) => return Cow::Owned(format!("Group as {}", kind.title())),
            AddEmptyGroup(kind) => return Cow::Owned(format!("Add empty {}", kind.title())),
            EditLabel => "Edit label",
            AddNote => "Add sticky note",
            CopyImage => "Copy as image",
            ZoomIn => "Zoom in",
            ZoomOut => "Zoom out",
            ZoomReset => "Actual size",
            Fit => "Fit board",
            FitSelection => "Fit selection",
            ToggleGrid => "Show grid",
            ToggleTheme => "Dark theme",
            SetNodeStyle(style) => return Cow::Owned(format!("Node style: {}", style.title())),
            ChooseIconSet => "Icon set…",
            UseOwnIcons => "archboard's own icons",
            ToggleNumbers => "Show numbers",
            ToggleTenX => "What breaks at 10x?",
            SetClientLoad { .. } => "Set estimated load",
            EstimateLoad => "Estimate load…",
            Shortcuts => "Keyboard shortcuts",
            CommandPalette => "Command palette…",
            PracticeRound => "Practice round…",
            StartRound { .. } => "Start the round",
            NextPhase => "Next phase",
            PauseRound => "Pause or resume the round",
            EndRound => "End the round",
            ShowScorecard => "Scorecard",
            ExportScorecard => "Save the scorecard as Markdown",
            ReplayRound => "Replay round",
            ToggleHideReview => "Hide the review during a round",
            AddService { .. } => "Add service",
            SetTitle(_) => "Set board title",
            SetNotes(_) => "Set board notes",
            SetLabel { .. } => "Set label",
            SetService { .. } => "Change service",
            SetProp { .. } => "Set property",
            SetEdge { .. } => "Set connection",
            SetEdgeStyle { .. } => "Set connection style",
            SetBoardEdgeStyle(style) => match style {
                crate::model::EdgeStyle::RightAngle => "Right-angle edges",
                crate::model::EdgeStyle::Straight => "Straight edges",
                crate::model::EdgeStyle::Curved => "Curved edges",
            },
            SetEdgeProp { .. } => "Set connection figure",
            ReverseEdge(_) => "Reverse direction",
            SetGroup { .. } => "Set group",
            Nudge { .. } => "Move selection",
            Connect { .. } => "Connect",
            FinishGesture => "Finish drag",
            Chosen { .. } => "Use the chosen file",
            AnswerUnsaved(Unsaved::Save) => "Save",
            AnswerUnsaved(Unsaved::Discard) => "Don't save",
            AnswerUnsaved(Unsaved::Cancel) => "Cancel",
            Restore(true) => "Restore",
            Restore(false) => "Discard",
            ApplyFix { .. } => "Fix",
            AcceptFinding(_) => "Accept finding",
            Unaccept { .. } => "Un-accept",
            TickChecklist { .. } => "Tick checklist item",
            SelectNodes(_) => "Select",
            RevealNodes(_) => "Show on the board",
        })
    }

    /// One line on what the command does, for tooltips and the command palette.
    pub fn tooltip(&self) -> &'static str {
        use Command::*;
        match self {
            New => "Start an empty board",
            NewFromPreset => "Start from a reference architecture",
            Open | OpenRecent(_) => "Open a board file",
            OpenPreset(_) => "Start a new board from this reference architecture",
            InsertPreset(_) => "Add this reference architecture beside what is on the board",
            Save => "Save the board to its file",
            SaveAs => "Save the board to a new file",
            ExportPng => "Write the board (or the selection) as a PNG picture",
            ExportSvg => "Write the board (or the selection) as an SVG drawing",
            Import => {
                "Open a mermaid flowchart, a draw.io diagram, an Excalidraw scene, a CloudFormation/SAM/CDK template or a Terraform file as a new board"
            }
            ImportFolder => "Open a folder of Terraform files as a new board",
            Reimport => "Read the template or diagram this board came from again, keeping where things are",
            ExportMermaid => "Write the board as a mermaid flowchart",
            ExportDrawio => "Write the board as a draw.io diagram with AWS shapes and attached arrows",
            ExportExcalidraw => "Write the board as an Excalidraw scene with attached arrows",
            AutoLayout => "Arrange the nodes in layers along the edges",
            AutoLayoutIn(_) => "Arrange the nodes in layers in this direction",
            Align(_) => "Line up or spread the selected nodes",
            Quit => "Close archboard",
            Undo => "Take back the last change",
            Redo => "Do again what was undone",
            Cut => "Copy the selection and delete it",
            Copy => "Copy the selection",
            Paste | PasteText(_) => "Paste a copied selection or a mermaid chart",
            Duplicate => "Copy the selected nodes beside themselves",
            Delete => "Delete the selection and its connections",
            SelectAll => "Select every node and group",
            Find => "Find nodes by label, id or service",
            Group => "Wrap the selected nodes in a group",
            GroupAs(_) => "Wrap the selected nodes in a group of this kind",
            AddEmptyGroup(_) => "Draw an empty group in the middle of the view",
            EditLabel => "Type a new label for the selected node or connection",
            AddNote => "Add a sticky note and type its text",
            CopyImage => "Copy the board as a picture to paste elsewhere",
            ZoomIn | ZoomOut | ZoomReset => "Change the zoom around the middle of the view",
            Fit => "Zoom to show the whole board",
            FitSelection => "Zoom to show the selected nodes",
            ToggleGrid => "Show or hide the grid (moves snap to it while shown)",
            ToggleTheme => "Switch between the light and dark theme",
            SetNodeStyle(NodeStyle::Icon) => "Draw nodes as AWS diagrams do: a large icon with the label below",
            SetNodeStyle(NodeStyle::Card) => "Draw nodes as cards with a small icon and the label",
            ChooseIconSet => "Draw with the icons of AWS's Architecture Icons package, from a folder you downloaded",
            UseOwnIcons => "Draw with archboard's own icons again",
            ToggleNumbers => "Show each node's peak load and monthly cost on the board",
            ToggleTenX => "Multiply every stated load by ten and list what breaks only then",
            EstimateLoad => "Estimate this client's requests/s from its daily users",
            SetClientLoad { .. } => "Write the estimated peak and average requests/s on the client",
            Shortcuts => "List the keyboard shortcuts",
            CommandPalette => "Find any command by name and run it",
            PracticeRound => "A timed system-design round: a question, phases, a scorecard",
            StartRound { .. } => "Start a timed round on a new board",
            NextPhase => "Move the round on to its next phase now",
            PauseRound => "Stop or restart the round's clock",
            EndRound => "End the round and show the scorecard",
            ShowScorecard => "What the board shows and lacks on each dimension interviewers weigh",
            ExportScorecard => "Write the scorecard as Markdown beside the board's file",
            ReplayRound => "Play the round back from the empty board to the end: play, pause, scrub, speed",
            ToggleHideReview => "Hide the review panel until the round ends, as in a real interview",
            AddService { .. } => "Add a service to the board",
            SetTitle(_) | SetNotes(_) => "Change the board's title or notes",
            SetLabel { .. } | SetService { .. } | SetProp { .. } => "Change a node",
            SetEdge { .. } | ReverseEdge(_) => "Change a connection",
            SetEdgeStyle { .. } => "Draw this connection in its own style, or the board's",
            SetBoardEdgeStyle(_) => "Draw the board's connections in this style (around the nodes, straight or curved)",
            SetEdgeProp { .. } => "Change the load a connection carries",
            SetGroup { .. } => "Change a group",
            Nudge { .. } => "Move the selection a little",
            Connect { .. } => "Connect two nodes",
            FinishGesture => "Commit the drag that just ended",
            Chosen { .. } => "Carry out what the file dialog was opened for",
            AnswerUnsaved(_) => "Save the unsaved changes first, throw them away, or stay on this board",
            Restore(_) => "Open the recovery copy of unsaved work, or throw it away",
            ApplyFix { .. } => "Change the board so the finding goes away",
            AcceptFinding(_) => "Keep the design as it is, with a reason",
            Unaccept { .. } => "Report the finding again",
            TickChecklist { .. } => "Mark a design checklist item done or not",
            SelectNodes(_) => "Select these nodes",
            RevealNodes(_) => "Select these nodes and bring them into view",
        }
    }

    /// The keyboard shortcuts, first the one menus show; several where people expect them.
    pub fn shortcuts(&self) -> &'static [KeyboardShortcut] {
        use Command::*;
        match self {
            New => const { &[key(CMD, Key::N)] },
            NewFromPreset => const { &[key(CMD_SHIFT, Key::N)] },
            Open => const { &[key(CMD, Key::O)] },
            Save => const { &[key(CMD, Key::S)] },
            SaveAs => const { &[key(CMD_SHIFT, Key::S)] },
            ExportPng => const { &[key(CMD_SHIFT, Key::E)] },
            AutoLayout => const { &[key(CMD_SHIFT, Key::L)] },
            Quit => const { &[key(CMD, Key::Q)] },
            Undo => const { &[key(CMD, Key::Z)] },
            Redo => const { &[key(CMD_SHIFT, Key::Z), key(CMD, Key::Y)] },
            Cut => const { &[key(CMD, Key::X)] },
            Copy => const { &[key(CMD, Key::C)] },
            Paste => const { &[key(CMD, Key::V)] },
            Duplicate => const { &[key(CMD, Key::D)] },
            Delete => const { &[key(NONE, Key::Delete), key(NONE, Key::Backspace)] },
            SelectAll => const { &[key(CMD, Key::A)] },
            Find => const { &[key(CMD, Key::F)] },
            Group => const { &[key(CMD, Key::G)] },
            EditLabel => const { &[key(NONE, Key::F2)] },
            AddNote => const { &[key(NONE, Key::N)] },
            ZoomIn => const { &[key(NONE, Key::Plus), key(CMD, Key::Equals)] },
            ZoomOut => const { &[key(NONE, Key::Minus)] },
            ZoomReset => const { &[key(NONE, Key::Num0)] },
            Fit => const { &[key(NONE, Key::F)] },
            FitSelection => const { &[key(Modifiers::SHIFT, Key::F)] },
            ToggleGrid => const { &[key(NONE, Key::G)] },
            Shortcuts => const { &[key(NONE, Key::F1)] },
            CommandPalette => const { &[key(CMD, Key::K)] },
            _ => &[],
        }
    }

    /// Whether a shortcut arrives as a clipboard event rather than a key press (the canvas
    /// turns those events into commands).
    pub fn comes_as_clipboard_event(&self) -> bool {
        matches!(self, Command::Cut | Command::Copy | Command::Paste)
    }

    /// Whether the shortcut must not fire while the user types into a text field: plain keys,
    /// and chords text fields use themselves.
    pub fn needs_canvas_focus(&self) -> bool {
        self.shortcuts().iter().any(|s| !s.modifiers.command)
            || matches!(
                self,
                Command::SelectAll | Command::Undo | Command::Redo | Command::Duplicate | Command::Group
            )
    }

    /// Whether the command only changes the view, the window or the clipboard, so a drag in
    /// progress can go on through it; every other command cancels the drag first.
    pub fn leaves_the_board_alone(&self) -> bool {
        use Command::*;
        matches!(
            self,
            ZoomIn
                | ZoomOut
                | ZoomReset
                | Fit
                | FitSelection
                | ToggleGrid
                | ToggleTheme
                | ChooseIconSet
                | UseOwnIcons
                | ToggleNumbers
                | ToggleTenX
                | EstimateLoad
                | Shortcuts
                | CommandPalette
                | PracticeRound
                | NextPhase
                | PauseRound
                | EndRound
                | ShowScorecard
                | ExportScorecard
                | ReplayRound
                | ToggleHideReview
                | Copy
                | CopyImage
                | ExportPng
                | ExportSvg
                | ExportMermaid
                | ExportDrawio
                | ExportExcalidraw
                | Find
                | FinishGesture
        )
    }

    /// The first shortcut as text for menus ("Ctrl+S"), or nothing.
    pub fn shortcut_text(&self, ctx: &egui::Context) -> String {
        self.shortcuts()
            .first()
            .map(|s| ctx.format_shortcut(s))
            .unwrap_or_default()
    }

    /// The menu button for the command: its title, and its first shortcut when it has one.
    pub fn button(&self, ctx: &egui::Context) -> egui::Button<'static> {
        let button = egui::Button::new(self.title().into_owned());
        match self.shortcuts().first() {
            Some(s) => button.shortcut_text(ctx.format_shortcut(s)),
            None => button,
        }
    }

    /// Every shortcut as text ("Ctrl+Shift+Z or Ctrl+Y"), for the shortcuts window.
    pub fn all_shortcuts_text(&self, ctx: &egui::Context) -> String {
        let texts: Vec<String> = self.shortcuts().iter().map(|s| ctx.format_shortcut(s)).collect();
        texts.join(" or ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen: Vec<(KeyboardShortcut, Command)> = Vec::new();
        for command in Command::table() {
            for s in command.shortcuts() {
                if let Some((_, other)) = seen.iter().find(|(t, _)| t == s) {
                    panic!("{s:?} is the shortcut of both {other:?} and {command:?}");
                }
                seen.push((*s, command.clone()));
            }
        }
        assert!(seen.len() > 25, "the table has the app's shortcuts");
    }

    #[test]
    fn every_command_in_the_table_has_its_own_name() {
        let table = Command::table();
        for (i, a) in table.iter().enumerate() {
            assert!(!a.tooltip().is_empty(), "{a:?}");
            for b in &table[i + 1..] {
                assert_ne!(a.title(), b.title(), "the palette could not tell {a:?} from {b:?}");
            }
        }
    }
}
