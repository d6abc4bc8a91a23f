//! Service and group icons: our SVG artwork, or the user's copy of AWS's official icons (View >
//! Icon set…), rasterised once per icon into egui textures.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use egui::{ColorImage, TextureHandle, TextureOptions};

use crate::catalog::GENERIC;
use crate::embedded::ICONS;

/// Icon textures are rasterised at this size in pixels, enough for a 54-unit icon at 2x zoom.
const ICON_PX: u32 = 128;

/// The SVG source of a service's icon (the chosen icon set's copy when it has one), or the
/// generic one for unknown services.
pub fn icon_svg(service: &str) -> Arc<str> {
    let Some(stem) = icon_stem(service) else {
        return Arc::from("");
    };
    if let Some(svg) = current_set().and_then(|set| set.svg(stem).cloned()) {
        return svg;
    }
    Arc::from(ICONS.iter().find(|(s, _)| *s == stem).map_or("", |(_, svg)| *svg))
}

/// The package's file names for each icon stem (`assets/aws_icon_names.ron`).
const NAMES: &str = include_str!("../../assets/aws_icon_names.ron");

/// The user's copies of AWS's official icons, by our icon stem: only the icons the folder
/// holds, read once when chosen, so drawing never touches the disk.
#[derive(Debug, Default)]
pub struct IconSet {
    /// The folder chosen.
    pub folder: PathBuf,
    svgs: HashMap<&'static str, Arc<str>>,
}

/// Most files looked at in a chosen folder: the package holds a few thousand.
const MAX_FILES: usize = 50_000;
/// Deepest folder looked into below the chosen one.
const MAX_DEPTH: usize = 8;
/// Largest icon file read, in bytes.
const MAX_SVG_BYTES: u64 = 1 << 20;

impl IconSet {
    /// Reads the icons AWS's Architecture Icons package folder (or any folder below it) holds,
    /// matched by the package's file names (`Arch_AWS-Lambda_64.svg`, `Res_User_48_Light.svg`,
    /// `Region_32.svg`); for each icon the best file wins: a service icon over a resource icon,
    /// light over dark, 64 px, then the nearest size. Files that do not parse are skipped.
    pub fn load(folder: &Path) -> std::io::Result<IconSet> {
        let mut files: HashMap<String, (u32, PathBuf)> = HashMap::new();
        let mut stack = vec![(folder.to_path_buf(), 0)];
        let mut seen = 0;
        std::fs::read_dir(folder)?;
        while let Some((dir, depth)) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            for entry in entries.flatten() {
                seen += 1;
                if seen > MAX_FILES {
                    break;
                }
                let path = entry.path();
                let Ok(kind) = entry.file_type() else { continue };
                if kind.is_dir() {
                    if depth < MAX_DEPTH {
                        stack.push((path, depth + 1));
                    }
                    continue;
                }
                let Some((key, rank)) = path.file_name().and_then(|n| n.to_str()).and_then(package_name) else {
                    continue;
                };
                if files.get(&key).is_none_or(|(best, _)| rank > *best) {
                    files.insert(key, (rank, path));
                }
            }
        }
        let names: HashMap<String, Vec<String>> = ron::from_str(NAMES).unwrap_or_default();
        let mut svgs = HashMap::new();
        for (stem, _) in ICONS {
            let Some(candidates) = names.get(*stem) else { continue };
            let found = candidates.iter().find_map(|c| files.get(&c.to_ascii_lowercase()));
            let Some((_, path)) = found else { continue };
            let small = std::fs::metadata(path).is_ok_and(|m| m.len() <= MAX_SVG_BYTES);
            let Some(svg) = small.then(|| std::fs::read_to_string(path).ok()).flatten() else {
                continue;
            };
            if resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).is_ok() {
                svgs.insert(*stem, Arc::from(svg));
            }
        }
        Ok(IconSet {
            folder: folder.to_path_buf(),
            svgs,
        })
    }

    /// The set's copy of the icon `stem` (a catalog id or a `group_*` header), if it has one.
    pub fn svg(&self, stem: &str) -> Option<&Arc<str>> {
        self.svgs.get(stem)
    }

    /// How many of our icons the set replaces.
    pub fn len(&self) -> usize {
        self.svgs.len()
    }

    /// Whether the folder held none of the icons.
    pub fn is_empty(&self) -> bool {
        self.svgs.is_empty()
    }
}

/// A package file's name as the name table spells it (lower case, without `Arch_`/`Res_`, size
/// and `_Light`/`_Dark`), and how good a copy it is (higher is better), or `None` for a file
/// that is not an SVG icon.
fn package_name(file: &str) -> Option<(String, u32)> {
    let stem = file.strip_suffix(".svg").or_else(|| file.strip_suffix(".SVG"))?;
    let (stem, kind) = match (stem.strip_prefix("Arch_"), stem.strip_prefix("Res_")) {
        (Some(s), _) => (s, 2),
        (None, Some(s)) => (s, 1),
        (None, None) => (stem, 1),
    };
    let (stem, light) = match (stem.strip_suffix("_Light"), stem.strip_suffix("_Dark")) {
        (Some(s), _) => (s, 1),
        (None, Some(s)) => (s, 0),
        (None, None) => (stem, 1),
    };
    let (stem, size) = match stem.rsplit_once('_') {
        Some((s, px)) if !px.is_empty() && px.bytes().all(|b| b.is_ascii_digit()) => (s, px.parse().unwrap_or(0)),
        _ => (stem, 0),
    };
    // 64 px first, then larger, then smaller: the icons are drawn up to about 100 px.
    let size_rank = match size {
        64 => 300,
        s if s > 64 => 200 - s.min(199),
        s => 100 + s.min(63),
    };
    Some((stem.to_ascii_lowercase(), kind * 10_000 + light * 1_000 + size_rank))
}

/// The icon set in use, shared by the screen and the exports the app writes.
static CURRENT: RwLock<Option<Arc<IconSet>>> = RwLock::new(None);
/// Counts changes of [`CURRENT`], so texture caches know to start again.
static GENERATION: AtomicU64 = AtomicU64::new(0);

/// Uses `set` instead of our artwork wherever it has an icon (or our own everywhere for
/// `None`): a process-wide choice, like the theme, so the screen and every export agree.
pub fn use_icon_set(set: Option<IconSet>) {
    if let Ok(mut current) = CURRENT.write() {
        *current = set.map(Arc::new);
        GENERATION.fetch_add(1, Ordering::Relaxed);
    }
}

/// The icon set in use, if the user chose one.
pub fn current_set() -> Option<Arc<IconSet>> {
    CURRENT.read().ok().and_then(|c| c.clone())
}

/// The name of the artwork a service's icon uses: its own, or the generic one for services
/// without any, so every use of one artwork shares a texture (and one SVG definition).
pub(crate) fn icon_stem(service: &str) -> Option<&'static str> {
    let find = |id: &str| ICONS.iter().find(|(stem, _)| *stem == id).map(|(stem, _)| *stem);
    find(service).or_else(|| find(GENERIC))
}

/// Rasterises an SVG into a premultiplied RGBA image of `px` square, or `None` if it does not parse.
pub(super) fn rasterise_svg(svg: &str, px: u32) -> Option<ColorImage> {
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default()).ok()?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(px, px)?;
    let size = tree.size();
    let transform = resvg::tiny_skia::Transform::from_scale(px as f32 / size.width(), px as f32 / size.height());
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    Some(ColorImage::from_rgba_premultiplied(
        [px as usize, px as usize],
        pixmap.data(),
    ))
}

/// Icon textures of one egui context, made on first use.
#[derive(Default)]
pub struct Icons {
    textures: HashMap<String, Option<TextureHandle>>,
    /// The [`GENERATION`] of the icon set the textures were made from.
    generation: u64,
}

impl Icons {
    /// The texture of a service's icon, loading it into `ctx` the first time.
    pub fn texture(&mut self, ctx: &egui::Context, service: &str) -> Option<egui::TextureId> {
        let generation = GENERATION.load(Ordering::Relaxed);
        if generation != self.generation {
            self.textures.clear();
            self.generation = generation;
        }
        let key = icon_stem(service).unwrap_or(GENERIC);
        if let Some(t) = self.textures.get(key) {
            return t.as_ref().map(TextureHandle::id);
        }
        let handle = rasterise_svg(&icon_svg(key), ICON_PX)
            .map(|img| ctx.load_texture(format!("icon-{key}"), img, TextureOptions::LINEAR));
        let id = handle.as_ref().map(TextureHandle::id);
        self.textures.insert(key.to_owned(), handle);
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn every_service_has_its_own_icon_that_renders() {
        for s in &Catalog::builtin().services {
            let svg = ICONS.iter().find(|(stem, _)| *stem == s.id).map(|(_, svg)| *svg);
            let svg = svg.unwrap_or_else(|| panic!("assets/icons/{}.svg is missing", s.id));
            let img = rasterise_svg(svg, 32).unwrap_or_else(|| panic!("{}.svg does not parse", s.id));
            let opaque = img.pixels.iter().filter(|p| p.a() > 200).count();
            assert!(opaque > 32 * 32 / 2, "{}.svg draws too little at 32 px", s.id);
            let colours: std::collections::HashSet<_> = img.pixels.iter().collect();
            assert!(colours.len() > 4, "{}.svg is a flat square at 32 px", s.id);
        }
    }

    /// A square SVG of one colour, standing in for one of AWS's files (we never ship theirs).
    fn fake(colour: &str, px: u32) -> String {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{px}" height="{px}" viewBox="0 0 {px} {px}"><rect width="{px}" height="{px}" fill="{colour}"/></svg>"#
        )
    }

    #[test]
    fn a_package_folder_replaces_the_icons_it_holds_by_their_file_names() {
        let dir = tempfile::tempdir().unwrap();
        let compute = dir.path().join("Architecture-Service-Icons_01312026/Arch_Compute");
        for px in ["16", "32", "48", "64"] {
            std::fs::create_dir_all(compute.join(px)).unwrap();
        }
        let write = |path: std::path::PathBuf, text: String| std::fs::write(path, text).unwrap();
        write(compute.join("32/Arch_AWS-Lambda_32.svg"), fake("#111111", 32));
        write(compute.join("64/Arch_AWS-Lambda_64.svg"), fake("#646464", 64));
        write(compute.join("48/Arch_AWS-Lambda_48.svg"), fake("#484848", 48));
        write(
            compute.join("48/Arch_Amazon-Simple-Queue-Service_48.svg"),
            fake("#aa0000", 48),
        );
        let groups = dir.path().join("Architecture-Group-Icons_01312026");
        std::fs::create_dir_all(&groups).unwrap();
        write(groups.join("Region_32_Dark.svg"), fake("#000000", 32));
        write(groups.join("Region_32.svg"), fake("#00a4a6", 32));
        write(groups.join("Arch_Amazon-DynamoDB_64.svg"), "not an svg".to_owned());
        write(groups.join("notes.txt"), "hello".to_owned());

        let set = IconSet::load(dir.path()).unwrap();
        assert!(set.svg("lambda").unwrap().contains("#646464"), "the 64 px copy wins");
        assert!(
            set.svg("sqs").unwrap().contains("#aa0000"),
            "the nearest size otherwise"
        );
        assert!(set.svg("group_region").unwrap().contains("#00a4a6"), "light over dark");
        assert!(set.svg("dynamodb").is_none(), "a broken file keeps our icon");
        assert!(set.svg("s3").is_none(), "a missing one too");
        assert_eq!(set.len(), 3);
        assert!(IconSet::load(&dir.path().join("nowhere")).is_err());
    }

    #[test]
    fn package_names_drop_prefix_size_and_shade() {
        let name = |f: &str| package_name(f).map(|(n, _)| n);
        assert_eq!(name("Arch_AWS-Lambda_64.svg").as_deref(), Some("aws-lambda"));
        assert_eq!(name("Res_User_48_Light.svg").as_deref(), Some("user"));
        assert_eq!(
            name("Res_Amazon-VPC_NAT-Gateway_48.svg").as_deref(),
            Some("amazon-vpc_nat-gateway")
        );
        assert_eq!(
            name("Virtual-private-cloud-VPC_32.svg").as_deref(),
            Some("virtual-private-cloud-vpc")
        );
        assert_eq!(name("Arch_AWS-Lambda_64.png"), None);
        let rank = |f: &str| package_name(f).map_or(0, |(_, r)| r);
        assert!(rank("Arch_AWS-Lambda_64.svg") > rank("Arch_AWS-Lambda_48.svg"));
        assert!(rank("Arch_AWS-Lambda_48.svg") > rank("Arch_AWS-Lambda_32.svg"));
        assert!(rank("Arch_AWS-Lambda_16.svg") > rank("Res_AWS-Lambda_64.svg"));
    }

    #[test]
    fn every_name_table_entry_is_an_icon_of_ours() {
        let names: HashMap<String, Vec<String>> = ron::from_str(NAMES).expect("assets/aws_icon_names.ron parses");
        assert!(names.len() > 50);
        for (stem, candidates) in &names {
            assert!(ICONS.iter().any(|(s, _)| s == stem), "{stem} has no icon of ours");
            assert!(!candidates.is_empty(), "{stem}");
        }
    }
}
