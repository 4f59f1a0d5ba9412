import CCairo
import Foundation

/// Cairo primitives shared by marks, legends and colour bars.
enum Drawing {
    static func setColor(_ cr: OpaquePointer, _ c: RGBA) { cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a) }

    /// Builds a path with `path` and strokes it in `style`.
    static func stroke(_ cr: OpaquePointer, _ style: LineStyle, _ path: () -> Void) {
        cairo_new_path(cr)
        path()
        setColor(cr, style.color)
        cairo_set_line_width(cr, style.width)
        style.dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
        cairo_stroke(cr)
        cairo_set_dash(cr, nil, 0, 0)
    }

    /// A marker centred at (x, y); open markers are filled white so lines behind do not show through.
    static func marker(_ cr: OpaquePointer, _ m: MarkerStyle, _ x: Double, _ y: Double) {
        let r = m.size / 2
        cairo_new_path(cr)
        switch m.shape {
        case .circle:
            cairo_arc(cr, x, y, r, 0, 2 * .pi)
        case .square:
            let s = r * 0.88
            cairo_rectangle(cr, x - s, y - s, 2 * s, 2 * s)
        case .diamond:
            let s = r * 1.2
            cairo_move_to(cr, x, y - s); cairo_line_to(cr, x + s * 0.8, y)
            cairo_line_to(cr, x, y + s); cairo_line_to(cr, x - s * 0.8, y); cairo_close_path(cr)
        case .triangle, .triangleDown:
            let s = r * 1.25, d = m.shape == .triangle ? 1.0 : -1.0
            cairo_move_to(cr, x, y - d * s)
            cairo_line_to(cr, x + s * 0.866, y + d * s * 0.5)
            cairo_line_to(cr, x - s * 0.866, y + d * s * 0.5); cairo_close_path(cr)
        case .pentagon:
            let s = r * 1.1
            for k in 0..<5 {
                let a = -Double.pi / 2 + Double(k) * 2 * .pi / 5
                k == 0 ? cairo_move_to(cr, x + s * cos(a), y + s * sin(a)) : cairo_line_to(cr, x + s * cos(a), y + s * sin(a))
            }
            cairo_close_path(cr)
        }
        if m.filled {
            setColor(cr, m.color)
            cairo_fill(cr)
        } else {
            cairo_set_source_rgb(cr, 1, 1, 1)
            cairo_fill_preserve(cr)
            setColor(cr, m.color)
            cairo_set_line_width(cr, m.lineWidth)
            cairo_stroke(cr)
        }
    }
}
