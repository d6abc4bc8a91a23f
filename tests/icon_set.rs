//! View > Icon set…: a folder laid out like AWS's Architecture Icons package replaces our icons
//! on screen and in every image export, and going back restores ours. The package is faked here
//! with SVGs of our own under the package's file names (we never ship AWS's files). Its own
//! test binary, since the icon set is a process-wide choice.

use archboard::catalog::Catalog;
use archboard::export::{PngOptions, encode, image};
use archboard::model::{Board, Node, Point};
use archboard::render::{IconSet, current_set, use_icon_set};

/// A square of one colour, standing in for one of AWS's icons.
fn fake(colour: &str) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><rect width="64" height="64" fill="{colour}"/></svg>"#
    )
}

/// Pixels of exactly this colour in the image.
fn count(png: &image::RgbaImage, rgb: [u8; 3]) -> usize {
    png.pixels().filter(|p| p.0[..3] == rgb).count()
}

#[test]
fn a_chosen_package_draws_the_icons_it_holds_in_png_and_svg_and_ours_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let compute = dir.path().join("Architecture-Service-Icons/Arch_Compute/64");
    std::fs::create_dir_all(&compute).unwrap();
    std::fs::write(compute.join("Arch_AWS-Lambda_64.svg"), fake("#ff00ff")).unwrap();

    let mut board = Board::new("icons");
    board.nodes.push(Node::new("f", "lambda", "", Point(0.0, 0.0)));
    board.nodes.push(Node::new("q", "sqs", "", Point(300.0, 0.0)));
    let options = PngOptions {
        scale: 1.0,
        ..PngOptions::default()
    };
    let svg_of = || {
        String::from_utf8(encode(std::path::Path::new("b.svg"), &board, Catalog::builtin(), &options).unwrap()).unwrap()
    };
    let ours_svg = svg_of();
    let ours_png = image(&board, Catalog::builtin(), &options).unwrap();
    assert_eq!(count(&ours_png, [255, 0, 255]), 0);

    let set = IconSet::load(dir.path()).unwrap();
    assert_eq!(set.len(), 1);
    use_icon_set(Some(set));
    assert!(current_set().is_some());
    let theirs_svg = svg_of();
    assert!(theirs_svg.contains("#ff00ff"), "the SVG defines the package's Lambda");
    assert!(theirs_svg.contains("icon-sqs"), "SQS keeps ours");
    let theirs_png = image(&board, Catalog::builtin(), &options).unwrap();
    assert!(
        count(&theirs_png, [255, 0, 255]) > 40 * 40,
        "the PNG draws the package's Lambda at its full size"
    );

    use_icon_set(None);
    assert_eq!(svg_of(), ours_svg, "back to our own icons");
}
