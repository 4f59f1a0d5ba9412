import CCairo

/// Legend measuring, placement (a corner free of data) and drawing.
enum LegendBox {
    static func sampleWidth(_ entries: [LegendEntry]) -> Double {
        entries.contains { $0.line != nil } ? Style.legendSample
            : (entries.compactMap { $0.marker?.size }.max() ?? 4) + 2
    }

    static func rowHeight(_ entries: [LegendEntry], text: TextEngine) -> Double {
        let h = entries.map { text.measure($0.label, Font.legend).height }.max() ?? 0
        return max(h, (entries.compactMap { $0.marker?.size }.max() ?? 0) + 1)
    }

    /// Width and height in points of a boxed legend of `entries`.
    static func size(_ entries: [LegendEntry], text: TextEngine) -> (width: Double, height: Double) {
        let w = entries.map { text.measure($0.label, Font.legend).width }.max() ?? 0
        return (2 * Style.legendPad + sampleWidth(entries) + Style.legendGap + w,
                2 * Style.legendPad + Double(entries.count) * rowHeight(entries, text: text))
    }

    static func rect(_ corner: LegendPlacement.Corner, plot: Rect, size: (width: Double, height: Double)) -> Rect {
        let i = Style.legendInset
        let left = plot.x + i, right = plot.maxX - i - size.width
        let top = plot.y + i, bottom = plot.maxY - i - size.height
        switch corner {
        case .topLeft: return Rect(x: left, y: top, width: size.width, height: size.height)
        case .topRight: return Rect(x: right, y: top, width: size.width, height: size.height)
        case .bottomLeft: return Rect(x: left, y: bottom, width: size.width, height: size.height)
        case .bottomRight: return Rect(x: right, y: bottom, width: size.width, height: size.height)
        }
    }

    /// The first corner (top right, top left, bottom right, bottom left) whose legend box covers no
    /// data: markers, error bars, line segments (sampled), discs, text and arrows.
    static func freeCorner(_ panel: Panel, _ frame: PanelFrame, size: (width: Double, height: Double)) -> LegendPlacement.Corner? {
        let corners: [LegendPlacement.Corner] = [.topRight, .topLeft, .bottomRight, .bottomLeft]
        let boxes = corners.map { rect($0, plot: frame.plot, size: size).insetBy(-2.5) }
        var hit = [Bool](repeating: false, count: boxes.count)
        func visit(_ x: Double, _ y: Double) {
            guard x.isFinite, y.isFinite else { return }
            for k in boxes.indices where !hit[k] && boxes[k].contains(x, y) { hit[k] = true }
        }
        func segment(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double)) {
            let n = max(1, Int((abs(b.x - a.x) + abs(b.y - a.y)) / 2))
            for s in 0...n { let t = Double(s) / Double(n); visit(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t) }
        }
        for mark in panel.marks {
            switch mark {
            case .series(let s):
                for i in s.x.indices {
                    let p = frame.point(s.x[i], s.y[i])
                    visit(p.x, p.y)
                    if let r = s.marker.map({ $0.size / 2 }) {
                        visit(p.x - r, p.y - r); visit(p.x + r, p.y + r); visit(p.x - r, p.y + r); visit(p.x + r, p.y - r)
                    }
                    if let e = s.yError?[i] { segment(frame.point(s.x[i], s.y[i] - e), frame.point(s.x[i], s.y[i] + e)) }
                    if s.line != nil, i > 0 { segment(frame.point(s.x[i - 1], s.y[i - 1]), p) }
                }
            case .discs(let d):
                for i in d.x.indices { let p = frame.point(d.x[i], d.y[i]); visit(p.x, p.y) }
            case .text(let t):
                let p = t.relative ? (frame.plot.x + t.x * frame.plot.width, frame.plot.maxY - t.y * frame.plot.height)
                                   : frame.point(t.x, t.y)
                visit(p.0 + t.dx, p.1 + t.dy)
            case .arrow(let a): segment(frame.point(a.x0, a.y0), frame.point(a.x1, a.y1))
            case .reference(let r):
                switch r.kind {
                case .horizontal(let v):
                    segment(frame.point(frame.x.lo, v), frame.point(frame.x.hi, v))
                case .vertical(let v):
                    segment(frame.point(v, frame.y.lo), frame.point(v, frame.y.hi))
                case .diagonal:
                    let lo = max(frame.x.lo, frame.y.lo), hi = min(frame.x.hi, frame.y.hi)
                    segment(frame.point(lo, lo), frame.point(hi, hi))
                }
            case .polygon: break
            }
        }
        return corners.indices.first { !hit[$0] }.map { corners[$0] }
    }

    /// Draws a boxed legend with its top left at `origin`.
    static func draw(_ entries: [LegendEntry], at origin: (x: Double, y: Double), boxed: Bool, text: TextEngine) {
        let cr = text.cr
        let size = size(entries, text: text)
        if boxed {
            cairo_rectangle(cr, origin.x, origin.y, size.width, size.height)
            cairo_set_source_rgba(cr, 1, 1, 1, 0.85)
            cairo_fill_preserve(cr)
            cairo_set_source_rgb(cr, 0.75, 0.75, 0.75)
            cairo_set_line_width(cr, 0.4)
            cairo_stroke(cr)
        }
        let rh = rowHeight(entries, text: text), sw = sampleWidth(entries)
        for (k, e) in entries.enumerated() {
            let cy = origin.y + Style.legendPad + (Double(k) + 0.5) * rh
            drawSample(e, x: origin.x + Style.legendPad, cy: cy, width: sw, cr: cr)
            text.draw(e.label, Font.legend, x: origin.x + Style.legendPad + sw + Style.legendGap, y: cy,
                      anchor: Anchor(.left, .center))
        }
    }

    static func drawSample(_ e: LegendEntry, x: Double, cy: Double, width: Double, cr: OpaquePointer) {
        if let line = e.line {
            Drawing.stroke(cr, line) { cairo_move_to(cr, x, cy); cairo_line_to(cr, x + width, cy) }
        }
        if let m = e.marker { Drawing.marker(cr, m, x + width / 2, cy) }
    }

    /// Entries of the figure's top legend flowed into rows no wider than `width`.
    static func figureRows(_ entries: [LegendEntry], width: Double, text: TextEngine)
        -> (rows: [[(entry: LegendEntry, x: Double)]], rowHeight: Double) {
        guard !entries.isEmpty else { return ([], 0) }
        let sw = sampleWidth(entries)
        var rows: [[(entry: LegendEntry, x: Double)]] = [[]]
        var x = 0.0
        for e in entries {
            let w = sw + Style.legendGap + text.measure(e.label, Font.legend).width
            if x > 0 && x + w > width { rows.append([]); x = 0 }
            rows[rows.count - 1].append((e, x))
            x += w + Style.figureLegendSpacing
        }
        return (rows, rowHeight(entries, text: text) + 2)
    }
}
