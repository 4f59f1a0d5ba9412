import CCairo
import Foundation

/// Draws the marks of a panel inside its plot area (already clipped by the caller).
enum MarkDrawing {
    static func draw(_ mark: Mark, _ f: PanelFrame, text: TextEngine) {
        let cr = text.cr
        switch mark {
        case .series(let s): series(s, f, text: text)
        case .discs(let d): discs(d, f, cr: cr)
        case .text(let t):
            let p = t.relative ? (x: f.plot.x + t.x * f.plot.width, y: f.plot.maxY - t.y * f.plot.height)
                               : f.point(t.x, t.y)
            text.draw(t.text, t.font, x: p.x + t.dx, y: p.y + t.dy, anchor: t.anchor, color: t.color)
        case .reference(let r):
            Drawing.stroke(cr, r.style) {
                switch r.kind {
                case .horizontal(let v):
                    let y = f.point(f.x.lo, v).y
                    cairo_move_to(cr, f.plot.x, y); cairo_line_to(cr, f.plot.maxX, y)
                case .vertical(let v):
                    let x = f.point(v, f.y.lo).x
                    cairo_move_to(cr, x, f.plot.y); cairo_line_to(cr, x, f.plot.maxY)
                case .diagonal:
                    let lo = min(f.x.lo, f.y.lo), hi = max(f.x.hi, f.y.hi)
                    let a = f.point(lo, lo), b = f.point(hi, hi)
                    cairo_move_to(cr, a.x, a.y); cairo_line_to(cr, b.x, b.y)
                }
            }
        case .polygon(let p):
            cairo_new_path(cr)
            for i in p.x.indices {
                let q = f.point(p.x[i], p.y[i])
                i == 0 ? cairo_move_to(cr, q.x, q.y) : cairo_line_to(cr, q.x, q.y)
            }
            cairo_close_path(cr)
            Drawing.setColor(cr, p.fill)
            cairo_fill_preserve(cr)
            if let s = p.stroke {
                Drawing.setColor(cr, s.color); cairo_set_line_width(cr, s.width); cairo_stroke(cr)
            } else { cairo_new_path(cr) }
        case .arrow(let a): arrow(a, f, cr: cr)
        }
    }

    static func series(_ s: Series, _ f: PanelFrame, text: TextEngine) {
        let cr = text.cr
        let pts = s.x.indices.map { f.point(s.x[$0], s.y[$0]) }
        if let line = s.line {
            Drawing.stroke(cr, line) {
                var pen = false
                for p in pts {
                    guard p.x.isFinite && p.y.isFinite else { pen = false; continue }
                    pen ? cairo_line_to(cr, p.x, p.y) : cairo_move_to(cr, p.x, p.y)
                    pen = true
                }
            }
        }
        if let err = s.yError {
            let color = s.marker?.color ?? s.line?.color ?? .black
            Drawing.stroke(cr, LineStyle(color: color, width: 0.6)) {
                for i in s.x.indices where err[i].isFinite && err[i] > 0 {
                    let lowV = f.y.scale == .log ? max(s.y[i] - err[i], f.y.lo) : s.y[i] - err[i]
                    let a = f.point(s.x[i], lowV), b = f.point(s.x[i], s.y[i] + err[i])
                    guard a.y.isFinite, b.y.isFinite else { continue }
                    let cap = 1.4
                    cairo_move_to(cr, a.x, a.y); cairo_line_to(cr, b.x, b.y)
                    cairo_move_to(cr, a.x - cap, a.y); cairo_line_to(cr, a.x + cap, a.y)
                    cairo_move_to(cr, b.x - cap, b.y); cairo_line_to(cr, b.x + cap, b.y)
                }
            }
        }
        if let m = s.marker {
            for p in pts where p.x.isFinite && p.y.isFinite { Drawing.marker(cr, m, p.x, p.y) }
            if let labels = s.markerText {
                let font = Font(size: max(4, m.size * 0.52))
                let ink: RGBA = m.filled ? .white : m.color
                for (p, label) in zip(pts, labels) where p.x.isFinite && p.y.isFinite {
                    text.draw(label, font, x: p.x, y: p.y, anchor: Anchor(.center, .center), color: ink)
                }
            }
        }
    }

    /// Discs with diameters in data units; periodic images of discs that cross the box edge.
    /// Values are binned into 256 colour levels (finer than the eye can tell on a colour bar) and each
    /// level is one path and one fill: 4000 discs become at most 256 PDF fill operations.
    static func discs(_ d: Discs, _ f: PanelFrame, cr: OpaquePointer) {
        let levels = 256
        let scale = f.plot.width / (f.x.hi - f.x.lo)
        let span = d.range.upperBound - d.range.lowerBound
        var bins = [[Int]](repeating: [], count: levels + 1)   // last bin: NaN values
        for i in d.values.indices {
            let v = d.values[i]
            guard v.isFinite else { bins[levels].append(i); continue }
            let t = span > 0 ? (v - d.range.lowerBound) / span : 0.5
            bins[min(levels - 1, max(0, Int(t * Double(levels))))].append(i)
        }
        let shifts: [Double] = d.box.map { [0, -$0, $0] } ?? [0]
        for (b, members) in bins.enumerated() where !members.isEmpty {
            let c = b == levels ? RGBA.grey : d.colormap.color(at: (Double(b) + 0.5) / Double(levels))
            cairo_new_path(cr)
            for i in members {
                let r = d.diameter[i] / 2
                for sx in shifts {
                    let x = d.x[i] + sx
                    if let L = d.box, sx != 0, x + r < 0 || x - r > L { continue }
                    for sy in shifts {
                        let y = d.y[i] + sy
                        if let L = d.box, sy != 0, y + r < 0 || y - r > L { continue }
                        let p = f.point(x, y)
                        cairo_new_sub_path(cr)
                        cairo_arc(cr, p.x, p.y, r * scale, 0, 2 * .pi)
                    }
                }
            }
            cairo_set_source_rgb(cr, c.r, c.g, c.b)
            cairo_fill(cr)
        }
    }

    static func arrow(_ a: Arrow, _ f: PanelFrame, cr: OpaquePointer) {
        let p0 = f.point(a.x0, a.y0), p1 = f.point(a.x1, a.y1)
        let len = hypot(p1.x - p0.x, p1.y - p0.y)
        guard len > 0 else { return }
        let ux = (p1.x - p0.x) / len, uy = (p1.y - p0.y) / len
        let h = a.headLength, base = (x: p1.x - ux * h, y: p1.y - uy * h)
        Drawing.stroke(cr, a.style) { cairo_move_to(cr, p0.x, p0.y); cairo_line_to(cr, base.x + ux, base.y + uy) }
        cairo_move_to(cr, p1.x, p1.y)
        cairo_line_to(cr, base.x - uy * h * 0.38, base.y + ux * h * 0.38)
        cairo_line_to(cr, base.x + uy * h * 0.38, base.y - ux * h * 0.38)
        cairo_close_path(cr)
        Drawing.setColor(cr, a.style.color)
        cairo_fill(cr)
    }
}
