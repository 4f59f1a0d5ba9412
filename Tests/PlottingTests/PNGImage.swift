import CCairo
import Foundation

/// A PNG read back through cairo, for checking pixels.
struct PNGImage {
    let width: Int
    let height: Int
    private let pixels: [UInt32]
    private let stride: Int

    struct ReadError: Error { let path: String }

    init(url: URL) throws {
        let surface = cairo_image_surface_create_from_png(url.path)!
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { throw ReadError(path: url.path) }
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        let rowWords = Int(cairo_image_surface_get_stride(surface)) / 4, rows = height
        stride = rowWords
        let data = cairo_image_surface_get_data(surface)!
        pixels = data.withMemoryRebound(to: UInt32.self, capacity: rowWords * rows) {
            Array(UnsafeBufferPointer(start: $0, count: rowWords * rows))
        }
    }

    /// (r, g, b) in 0…255 at pixel (x, y) (opaque images: premultiplication does not matter).
    func rgb(_ x: Int, _ y: Int) -> (r: Int, g: Int, b: Int) {
        let v = pixels[y * stride + x]
        return (Int((v >> 16) & 0xFF), Int((v >> 8) & 0xFF), Int(v & 0xFF))
    }
}
