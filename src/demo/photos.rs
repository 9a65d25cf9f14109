//! Demo "photos" of the works, drawn here so that the repository holds no binary files and
//! each picture matches what its caption says (floors of structure, masonry and façade).

use std::io::Cursor;

use image::{ImageFormat, Rgb, RgbImage};

const WIDTH: u32 = 960;
const HEIGHT: u32 = 640;
const HORIZON: u32 = 520;

/// How far the building in the picture is.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scene {
    pub floors: u32,
    /// Floors with the concrete frame up.
    pub structure: u32,
    /// Floors with walls.
    pub masonry: u32,
    /// Floors with the finished façade.
    pub facade: u32,
    pub crane: bool,
    /// Trees and a finished sidewalk: the delivered building.
    pub landscaped: bool,
}

fn fill(picture: &mut RgbImage, (x0, y0): (u32, u32), (x1, y1): (u32, u32), color: [u8; 3]) {
    for y in y0.min(HEIGHT)..y1.min(HEIGHT) {
        for x in x0.min(WIDTH)..x1.min(WIDTH) {
            picture.put_pixel(x, y, Rgb(color));
        }
    }
}

/// A small deterministic grain, so the JPEG looks (and weighs) like a photo.
fn grain(x: u32, y: u32) -> i16 {
    let mut n = x.wrapping_mul(374_761_393) ^ y.wrapping_mul(668_265_263);
    n = (n ^ (n >> 13)).wrapping_mul(1_274_126_177);
    ((n >> 24) % 9) as i16 - 4
}

fn draw(scene: Scene) -> RgbImage {
    let mut picture = RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
        let base = if y < HORIZON {
            let t = y as f32 / HORIZON as f32;
            [(110.0 + 90.0 * t) as u8, (165.0 + 60.0 * t) as u8, (215.0 + 30.0 * t) as u8]
        } else if scene.landscaped {
            [118, 140, 96]
        } else {
            [150, 118, 88]
        };
        let shade = grain(x, y);
        Rgb(base.map(|channel| (i16::from(channel) + shade).clamp(0, 255) as u8))
    });
    let (left, right) = (330, 630);
    let floor_height = (HORIZON - 70) / scene.floors;
    if scene.structure == 0 {
        // Foundation: pile caps along the building's footprint.
        for cap in 0..8 {
            let x = left + cap * 40;
            fill(&mut picture, (x, HORIZON - 14), (x + 26, HORIZON + 6), [160, 160, 155]);
        }
    }
    for floor in 0..scene.structure {
        let bottom = HORIZON - floor * floor_height;
        let top = bottom - floor_height;
        if floor < scene.facade {
            fill(&mut picture, (left, top), (right, bottom), [228, 222, 210]);
            for window in 0..6 {
                let x = left + 18 + window * 48;
                fill(&mut picture, (x, top + 6), (x + 28, bottom - 5), [84, 122, 160]);
            }
        } else if floor < scene.masonry {
            fill(&mut picture, (left, top), (right, bottom), [176, 92, 62]);
            for window in 0..6 {
                let x = left + 18 + window * 48;
                fill(&mut picture, (x, top + 6), (x + 28, bottom - 5), [48, 40, 36]);
            }
        } else {
            // Bare frame: slab and columns, sky showing through.
            for column in 0..7 {
                let x = left + column * 48;
                fill(&mut picture, (x, top), (x + 8, bottom), [168, 168, 162]);
            }
        }
        fill(&mut picture, (left - 4, top), (right + 4, top + 4), [150, 150, 146]);
    }
    if scene.crane {
        let top = HORIZON - scene.structure.max(2) * floor_height - 60;
        fill(&mut picture, (680, top), (692, HORIZON), [232, 182, 32]);
        fill(&mut picture, (420, top), (900, top + 8), [232, 182, 32]);
        fill(&mut picture, (880, top + 8), (900, top + 40), [90, 90, 90]);
    }
    if scene.landscaped {
        fill(&mut picture, (0, HORIZON), (WIDTH, HORIZON + 18), [196, 192, 184]);
        for tree in [120, 220, 740, 840] {
            fill(&mut picture, (tree + 18, HORIZON - 40), (tree + 26, HORIZON), [96, 70, 48]);
            fill(&mut picture, (tree, HORIZON - 96), (tree + 44, HORIZON - 38), [56, 110, 60]);
        }
    }
    picture
}

/// The scene as a JPEG file, as a site camera would upload it.
pub(crate) fn jpeg(scene: Scene) -> Vec<u8> {
    let mut bytes = Vec::new();
    draw(scene).write_to(&mut Cursor::new(&mut bytes), ImageFormat::Jpeg).expect("encoding to memory");
    bytes
}
