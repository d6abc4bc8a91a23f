//! The command palette (Ctrl+K): type to find any command of the table by its name or tooltip,
//! arrows to choose, Enter to run, Escape to close. It reads the same table as the menus, so a
//! new command shows up here without touching this file.

use egui::{Align2, Key, RichText};

use super::commands::{Command, Commands};

/// The palette window: open or not, the query and the highlighted row.
#[derive(Default)]
pub struct CommandPalette {
    open: bool,
    query: String,
    /// The highlighted row among the matches.
    chosen: usize,
    /// Set when the palette opens, so the text field takes the keyboard.
    focus: bool,
}

impl CommandPalette {
    /// Opens the palette with an empty query.
    pub fn open(&mut self) {
        *self = CommandPalette {
            open: true,
            focus: true,
            ..CommandPalette::default()
        };
    }
}

/// The commands of the table whose name or tooltip holds every word of `query`, ignoring case;
/// names that start with the query come first.
pub(super) fn matching(query: &str) -> Vec<Command> {
    let query = query.trim().to_lowercase();
    let words: Vec<&str> = query.split_whitespace().collect();
    let mut found: Vec<(bool, Command)> = Command::table()
        .into_iter()
        .filter(|c| *c != Command::CommandPalette)
        .filter_map(|c| {
            let title = c.title().to_lowercase();
            let hay = format!("{title} {}", c.tooltip().to_lowercase());
            words
                .iter()
                .all(|w| hay.contains(w))
                .then(|| (!title.starts_with(&query), c))
        })
        .collect();
    found.sort_by_key(|(later, _)| *later); // stable: table order within each half
    found.into_iter().map(|(_, c)| c).collect()
}

/// Draws the palette while it is open; running a command pushes it and closes the palette.
pub(super) fn show(ctx: &egui::Context, palette: &mut CommandPalette, commands: &mut Commands) {
    if !palette.open {
        return;
    }
    let found = matching(&palette.query);
    let (up, down, enter, escape) = ctx.input_mut(|i| {
        (
            i.consume_key(egui::Modifiers::NONE, Key::ArrowUp),
            i.consume_key(egui::Modifiers::NONE, Key::ArrowDown),
            i.key_pressed(Key::Enter),
            i.consume_key(egui::Modifiers::NONE, Key::Escape),
        )
    });
    if down {
        palette.chosen = (palette.chosen + 1).min(found.len().saturating_sub(1));
    }
    if up {
        palette.chosen = palette.chosen.saturating_sub(1);
    }
    let mut run = None;
    let mut open = true;
    egui::Window::new("Command palette")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .title_bar(false)
        .anchor(Align2::CENTER_TOP, [0.0, 36.0])
        .show(ctx, |ui| {
            ui.set_width(420.0);
            let field = ui.add(
                egui::TextEdit::singleline(&mut palette.query)
                    .hint_text("Type a command…")
                    .desired_width(f32::INFINITY),
            );
            field.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Command"));
            if std::mem::take(&mut palette.focus) {
                field.request_focus();
            }
            if field.changed() {
                palette.chosen = 0;
            }
            if found.is_empty() {
                ui.weak("No command matches.");
            }
            for (i, c) in found.iter().enumerate().take(12) {
                ui.horizontal(|ui| {
                    let row = ui
                        .selectable_label(i == palette.chosen, c.title())
                        .on_hover_text(c.tooltip());
                    if row.clicked() {
                        run = Some(c.clone());
                    }
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        ui.label(RichText::new(c.shortcut_text(ui.ctx())).weak().monospace());
                    });
                });
            }
        });
    if enter && run.is_none() {
        run = found.get(palette.chosen).cloned();
    }
    if let Some(command) = run {
        commands.push(command);
        open = false;
    }
    if !open || escape {
        palette.open = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_finds_commands_by_name_and_tooltip() {
        assert_eq!(matching("dark").first(), Some(&Command::ToggleTheme));
        assert_eq!(matching("redo").first(), Some(&Command::Redo));
        assert!(
            matching("picture").contains(&Command::ExportPng),
            "the tooltip counts too"
        );
        assert!(matching("zzz no such").is_empty());
        assert_eq!(matching("").len(), Command::table().len() - 1, "all but itself");
    }
}
