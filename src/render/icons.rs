//! Service icons: our SVG artwork rasterised once per service into egui textures.

use std::collections::HashMap;

use egui::{ColorImage, TextureHandle, TextureOptions};

use crate::catalog::GENERIC;
use crate::embedded::ICONS;

/// Icon textures are rasterised at this size in pixels, enough for a 44-unit icon at 3x zoom.
const ICON_PX: u32 = 128;

/// The SVG source of a service's icon, or the generic one for unknown services.
pub fn icon_svg(service: &str) -> &'static str {
    icon_stem(service).map_or("", |stem| {
        ICONS.iter().find(|(s, _)| *s == stem).map_or("", |(_, svg)| *svg)
    })
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
}

impl Icons {
    /// The texture of a service's icon, loading it into `ctx` the first time.
    pub fn texture(&mut self, ctx: &egui::Context, service: &str) -> Option<egui::TextureId> {
        let key = icon_stem(service).unwrap_or(GENERIC);
        if let Some(t) = self.textures.get(key) {
            return t.as_ref().map(TextureHandle::id);
        }
        let handle = rasterise_svg(icon_svg(key), ICON_PX)
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
}
