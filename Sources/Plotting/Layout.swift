import CCairo
import Foundation

/// Places the panels of a figure: resolves axes, measures tick labels, aligns plot areas along
/// rows and columns, and decides where automatic legends go.
struct FigureLayout {
    let frames: [PanelFrame]
    /// Rows of the shared legend strip across the top, with their entries' x offsets.
    let legendRows: [[(entry: LegendEntry, x: Double)]]
    let legendRowHeight: Double

    init(_ figure: Figure, text: TextEngine) {
        let W = figure.width * 72, H = figure.height * 72
        let strip = LegendBox.figureRows(figure.legend, width: W - 8, text: text)
        legendRows = strip.rows
        legendRowHeight = strip.rowHeight
        let top = strip.rows.isEmpty ? 0 : Double(strip.rows.count) * strip.rowHeight + 4
        let cellW = W / Double(figure.columns), cellH = (H - top) / Double(figure.rows)
        var placement = figure.panels.map(\.legend)
        var frames: [PanelFrame] = []
        for pass in 0..<2 {
            frames = FigureLayout.place(figure, placement: placement, top: top, cellW: cellW, cellH: cellH, text: text)
            guard pass == 0 else { break }
            var changed = false
            for (i, panel) in figure.panels.enumerated() where { if case .auto = panel.legend { return true }; return false }() {
                let entries = panel.legendEntries
                if entries.isEmpty { placement[i] = .none; continue }
                let size = LegendBox.size(entries, text: text)
                if let corner = LegendBox.freeCorner(panel, frames[i], size: size) {
                    placement[i] = .corner(corner)
                } else {
                    placement[i] = .outsideRight
                    changed = true
                }
            }
            if !changed {
                frames = FigureLayout.place(figure, placement: placement, top: top, cellW: cellW, cellH: cellH, text: text)
                break
            }
        }
        self.frames = frames
    }

    private struct Margins { var left = 0.0, right = 0.0, top = 0.0, bottom = 0.0 }

    private static func place(_ figure: Figure, placement: [LegendPlacement], top: Double,
                              cellW: Double, cellH: Double, text: TextEngine) -> [PanelFrame] {
        let n = figure.panels.count
        var axes: [(AxisFrame, AxisFrame)] = []
        var margins: [Margins] = []
        for (i, p) in figure.panels.enumerated() {
            let fx = AxisFrame(axis: p.x, marks: p.marks, alongX: true)
            let fy = AxisFrame(axis: p.y, marks: p.marks, alongX: false)
            axes.append((fx, fy))
            var m = Margins()
            let tickH = text.measure("0", Font.tick).height
            let labelH = text.measure("X", Font.label).height
            if !p.y.hidden {
                let w = fy.labels.map { text.measure($0, Font.tick).width }.max() ?? 0
                m.left = Style.edgePad + (p.y.label.isEmpty ? 0 : labelH + Style.labelPad) + w + Style.tickPad
            } else { m.left = 4 }
            if !p.x.hidden {
                let hasSup = fx.labels.contains { $0.contains("<sup>") }
                let labelsH = fx.majors.isEmpty ? 0 : tickH * (hasSup ? 1.25 : 1)
                m.bottom = Style.tickPad + labelsH + (p.x.label.isEmpty ? 0 : Style.labelPad + labelH) + Style.edgePad
                let lastW = fx.labels.last.map { text.measure($0, Font.tick).width } ?? 0
                m.right = max(6, lastW / 2 + 2)
            } else { m.bottom = 4; m.right = 4 }
            m.top = figure.panelLabels ? Style.panelLabelHeight : 6
            if let bar = p.colorBar { m.right = max(m.right, 4) + ColorBarDrawing.width(bar, text: text) }
            if case .outsideRight = placement[i], !p.legendEntries.isEmpty {
                m.right += Style.legendInset + LegendBox.size(p.legendEntries, text: text).width + 2
            }
            margins.append(m)
        }
        // Align plot edges: same left/right margins down a column, same top/bottom along a row.
        var aligned = margins
        for i in 0..<n {
            let r = i / figure.columns, c = i % figure.columns
            let column = (0..<n).filter { $0 % figure.columns == c }
            let row = (0..<n).filter { $0 / figure.columns == r }
            aligned[i].left = column.map { margins[$0].left }.max()!
            aligned[i].right = column.map { margins[$0].right }.max()!
            aligned[i].top = row.map { margins[$0].top }.max()!
            aligned[i].bottom = row.map { margins[$0].bottom }.max()!
        }
        return (0..<n).map { i in
            let r = i / figure.columns, c = i % figure.columns
            let cell = Rect(x: Double(c) * cellW, y: top + Double(r) * cellH, width: cellW, height: cellH)
            let m = aligned[i]
            var plot = Rect(x: cell.x + m.left, y: cell.y + m.top,
                            width: max(cellW - m.left - m.right, 10), height: max(cellH - m.top - m.bottom, 10))
            if figure.panels[i].equalAspect {
                let (fx, fy) = axes[i]
                let ratio = (fy.hi - fy.lo) / (fx.hi - fx.lo)
                if plot.height / plot.width > ratio {
                    let h = plot.width * ratio
                    plot.y += (plot.height - h) / 2; plot.height = h
                } else {
                    let w = plot.height / ratio
                    plot.x += (plot.width - w) / 2; plot.width = w
                }
            }
            return PanelFrame(cell: cell, plot: plot, x: axes[i].0, y: axes[i].1, legend: placement[i])
        }
    }
}

extension Figure {
    /// The placement of every panel on the page (points), as drawn by `write`.
    public func layout() -> [PanelFrame] {
        let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1)
        let cr = cairo_create(surface)!
        defer { cairo_destroy(cr); cairo_surface_destroy(surface) }
        return FigureLayout(self, text: TextEngine(cr: cr)).frames
    }
}
