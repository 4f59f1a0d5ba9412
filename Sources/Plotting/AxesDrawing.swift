import CCairo

/// The frame of a plot with inward ticks on all four sides, tick labels left and below, axis labels.
enum AxesDrawing {
    static func draw(_ p: Panel, _ f: PanelFrame, text: TextEngine) {
        let cr = text.cr
        let plot = f.plot
        let frame = LineStyle(width: Style.frameWidth)
        if !(p.x.hidden && p.y.hidden) {
            Drawing.stroke(cr, frame) { cairo_rectangle(cr, plot.x, plot.y, plot.width, plot.height) }
        }
        if !p.x.hidden {
            Drawing.stroke(cr, frame) {
                for (v, len) in f.x.majors.map({ ($0, Style.majorTick) }) + f.x.minors.map({ ($0, Style.minorTick) }) {
                    let t = f.x.fraction(v)
                    guard t >= -1e-9 && t <= 1 + 1e-9 else { continue }
                    let x = plot.x + t * plot.width
                    cairo_move_to(cr, x, plot.maxY); cairo_line_to(cr, x, plot.maxY - len)
                    cairo_move_to(cr, x, plot.y); cairo_line_to(cr, x, plot.y + len)
                }
            }
            let ascent = text.measure("0", Font.tick).baseline
            let baseline = plot.maxY + Style.tickPad + ascent + (f.x.labels.contains { $0.contains("<sup>") } ? 0.25 * ascent : 0)
            for (v, label) in zip(f.x.majors, f.x.labels) {
                let t = f.x.fraction(v)
                guard t >= -1e-9 && t <= 1 + 1e-9 else { continue }
                text.draw(label, Font.tick, x: plot.x + t * plot.width, y: baseline, anchor: Anchor(.center, .baseline))
            }
            if !p.x.label.isEmpty {
                let labelsH = f.x.majors.isEmpty ? 0 : baseline - plot.maxY + text.measure("0", Font.tick).height - ascent
                let y = plot.maxY + (f.x.majors.isEmpty ? Style.tickPad : labelsH) + Style.labelPad
                text.draw(p.x.label, Font.label, x: plot.x + plot.width / 2, y: y, anchor: Anchor(.center, .top))
            }
        }
        if !p.y.hidden {
            Drawing.stroke(cr, frame) {
                for (v, len) in f.y.majors.map({ ($0, Style.majorTick) }) + f.y.minors.map({ ($0, Style.minorTick) }) {
                    let t = f.y.fraction(v)
                    guard t >= -1e-9 && t <= 1 + 1e-9 else { continue }
                    let y = plot.maxY - t * plot.height
                    cairo_move_to(cr, plot.x, y); cairo_line_to(cr, plot.x + len, y)
                    cairo_move_to(cr, plot.maxX, y); cairo_line_to(cr, plot.maxX - len, y)
                }
            }
            var widest = 0.0
            for (v, label) in zip(f.y.majors, f.y.labels) {
                let t = f.y.fraction(v)
                guard t >= -1e-9 && t <= 1 + 1e-9 else { continue }
                text.draw(label, Font.tick, x: plot.x - Style.tickPad, y: plot.maxY - t * plot.height,
                          anchor: Anchor(.right, .center))
                widest = max(widest, text.measure(label, Font.tick).width)
            }
            if !p.y.label.isEmpty {
                let x = plot.x - Style.tickPad - widest - Style.labelPad
                text.draw(p.y.label, Font.label, x: x, y: plot.y + plot.height / 2,
                          anchor: Anchor(.center, .bottom), angle: -.pi / 2)
            }
        }
    }
}
