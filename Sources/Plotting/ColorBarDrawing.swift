import CCairo

/// A vertical colour bar right of the plot: a vector gradient (crisp in PDF), ticks and a label.
enum ColorBarDrawing {
    static func axis(_ bar: ColorBar) -> AxisFrame {
        AxisFrame(axis: Axis(limits: bar.range), marks: [], alongX: false)
    }

    /// Horizontal space the bar takes beside the plot, in points.
    static func width(_ bar: ColorBar, text: TextEngine) -> Double {
        let a = axis(bar)
        let w = a.labels.map { text.measure($0, Font.tick).width }.max() ?? 0
        return Style.colorBarGap + Style.colorBarWidth + Style.tickPad + 1 + w + Style.labelPad
            + text.measure(bar.label, Font.label).height + Style.edgePad
    }

    static func draw(_ bar: ColorBar, plot: Rect, text: TextEngine) {
        let cr = text.cr
        let x = plot.maxX + Style.colorBarGap, w = Style.colorBarWidth
        let gradient = cairo_pattern_create_linear(0, plot.maxY, 0, plot.y)!
        let n = bar.colormap.stops.count
        for k in 0..<n {
            let t = Double(k) / Double(n - 1)
            let c = bar.colormap.color(at: t)
            cairo_pattern_add_color_stop_rgb(gradient, t, c.r, c.g, c.b)
        }
        cairo_rectangle(cr, x, plot.y, w, plot.height)
        cairo_set_source(cr, gradient)
        cairo_fill(cr)
        cairo_pattern_destroy(gradient)
        cairo_rectangle(cr, x, plot.y, w, plot.height)
        cairo_set_source_rgb(cr, 0, 0, 0)
        cairo_set_line_width(cr, Style.frameWidth)
        cairo_stroke(cr)
        let a = axis(bar)
        var maxW = 0.0
        for (v, label) in zip(a.majors, a.labels) {
            let y = plot.maxY - a.fraction(v) * plot.height
            Drawing.stroke(cr, LineStyle(width: Style.frameWidth)) {
                cairo_move_to(cr, x + w - 2, y); cairo_line_to(cr, x + w, y)
            }
            text.draw(label, Font.tick, x: x + w + Style.tickPad + 1, y: y, anchor: Anchor(.left, .center))
            maxW = max(maxW, text.measure(label, Font.tick).width)
        }
        text.draw(bar.label, Font.label, x: x + w + Style.tickPad + 1 + maxW + Style.labelPad,
                  y: plot.y + plot.height / 2, anchor: Anchor(.center, .top), angle: -.pi / 2)
    }
}
