import CCairo
import Foundation

/// An error while writing a figure; names the file and cairo's status.
public struct PlotError: Error, CustomStringConvertible {
    public let description: String
}

extension Figure {
    /// Writes the figure as a 300 dpi PNG and a vector PDF (fonts embedded), each atomically:
    /// drawn into a temporary file beside the target, then renamed over it.
    public func write(png: URL, pdf: URL) throws {
        try atomically(png) { try renderPNG(to: $0) }
        try atomically(pdf) { try renderPDF(to: $0) }
    }

    /// Writes `<base>.png` and `<base>.pdf` into `directory`, returning their URLs.
    @discardableResult
    public func write(to directory: URL, baseName: String) throws -> (png: URL, pdf: URL) {
        let png = directory.appendingPathComponent(baseName + ".png")
        let pdf = directory.appendingPathComponent(baseName + ".pdf")
        try write(png: png, pdf: pdf)
        return (png, pdf)
    }

    /// PNG at `dpi`: the device scale maps points to pixels, so Pango lays text out in points.
    public func renderPNG(to url: URL) throws {
        let (w, h) = pixelSize
        // Opaque figure (white background): RGB24 makes a smaller PNG, faster to compress, than ARGB32.
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(w), Int32(h))!
        defer { cairo_surface_destroy(surface) }
        cairo_surface_set_device_scale(surface, Figure.dpi / 72, Figure.dpi / 72)
        let cr = cairo_create(surface)!
        draw(on: cr)
        cairo_destroy(cr)
        cairo_surface_flush(surface)
        let status = cairo_surface_write_to_png(surface, url.path)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PlotError(description: "writing PNG \(url.path): \(String(cString: cairo_status_to_string(status)))")
        }
    }

    /// Vector PDF in points.
    public func renderPDF(to url: URL) throws {
        let surface = cairo_pdf_surface_create(url.path, width * 72, height * 72)!
        // A fixed date instead of "now": the same figure gives the same bytes, so the cache and
        // the Slurm-versus-local comparison can check PDFs by hash.
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00Z")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, "2000-01-01T00:00:00Z")
        let cr = cairo_create(surface)!
        draw(on: cr)
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PlotError(description: "writing PDF \(url.path): \(String(cString: cairo_status_to_string(status)))")
        }
    }

    private func atomically(_ url: URL, _ body: (URL) throws -> Void) throws {
        let tmp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try body(tmp)
            guard rename(tmp.path, url.path) == 0 else {
                throw PlotError(description: "renaming \(tmp.path) to \(url.path): errno \(errno)")
            }
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw error
        }
    }
}
