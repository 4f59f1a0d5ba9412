import CCairo

extension Figure {
    /// Draws the whole figure on `cr` in points (1/72 in); the one routine behind PNG and PDF.
    func draw(on cr: OpaquePointer) {
        let text = TextEngine(cr: cr)
        let layout = FigureLayout(self, text: text)
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        drawFigureLegend(layout, text: text)
        for (i, (panel, frame)) in zip(panels, layout.frames).enumerated() {
            cairo_save(cr)
            cairo_rectangle(cr, frame.plot.x, frame.plot.y, frame.plot.width, frame.plot.height)
            cairo_clip(cr)
            for mark in panel.marks { MarkDrawing.draw(mark, frame, text: text) }
            cairo_restore(cr)
            AxesDrawing.draw(panel, frame, text: text)
            if let bar = panel.colorBar { ColorBarDrawing.draw(bar, plot: frame.plot, text: text) }
            drawLegend(panel, frame, text: text)
            if panelLabels {
                let label = "(\(String(UnicodeScalar(UInt8(97 + i % 26)))))"
                let x = max(frame.cell.x + 2, frame.plot.x - 24)
                text.draw(label, Font.panelLabel, x: x, y: frame.plot.y - 3, anchor: Anchor(.left, .baseline))
            }
        }
    }

    private func drawLegend(_ panel: Panel, _ frame: PanelFrame, text: TextEngine) {
        let entries = panel.legendEntries
        guard !entries.isEmpty else { return }
        let size = LegendBox.size(entries, text: text)
        switch frame.legend {
        case .corner(let c):
            let r = LegendBox.rect(c, plot: frame.plot, size: size)
            LegendBox.draw(entries, at: (r.x, r.y), boxed: true, text: text)
        case .outsideRight:
            var x = frame.plot.maxX + Style.legendInset
            if let bar = panel.colorBar { x += ColorBarDrawing.width(bar, text: text) }
            LegendBox.draw(entries, at: (x, frame.plot.y), boxed: false, text: text)
        case .auto, .none: break
        }
    }

    private func drawFigureLegend(_ layout: FigureLayout, text: TextEngine) {
        let sw = LegendBox.sampleWidth(legend)
        for (r, row) in layout.legendRows.enumerated() {
            let rowWidth = (row.last.map { $0.x + sw + Style.legendGap + text.measure($0.entry.label, Font.legend).width }) ?? 0
            let x0 = (width * 72 - rowWidth) / 2
            let cy = 3 + (Double(r) + 0.5) * layout.legendRowHeight
            for item in row {
                LegendBox.drawSample(item.entry, x: x0 + item.x, cy: cy, width: sw, cr: text.cr)
                text.draw(item.entry.label, Font.legend, x: x0 + item.x + sw + Style.legendGap, y: cy,
                          anchor: Anchor(.left, .center))
            }
        }
    }
}
