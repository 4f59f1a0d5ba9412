import Foundation
import Testing
@testable import Plotting

/// Automatic legends sit in a corner without data, or outside when every corner has data.
@Suite struct LegendPlacementTests {
    func frame(_ panel: Panel) -> PanelFrame { Figure(width: 3, height: 2.5, panels: [panel]).layout()[0] }

    @Test func avoidsCornersWithData() throws {
        // Data crowd the top right and bottom left; the legend must not cover any point.
        let x = (0..<50).map { Double($0) / 49 }
        let panel = Panel(x: Axis(limits: 0...1), y: Axis(limits: 0...1),
                          marks: [.series(Series(x: x, y: x, line: LineStyle(), label: "diagonal"))])
        let f = frame(panel)
        guard case .corner(let c) = f.legend else { Issue.record("legend not in a corner: \(f.legend)"); return }
        #expect(c == .topLeft || c == .bottomRight)
    }

    @Test func goesOutsideWhenEveryCornerIsTaken() throws {
        let x = [0.02, 0.98, 0.02, 0.98, 0.5], y = [0.02, 0.02, 0.98, 0.98, 0.5]
        let panel = Panel(x: Axis(limits: 0...1), y: Axis(limits: 0...1),
                          marks: [.series(Series(x: x, y: y, marker: MarkerStyle(), label: "corners"))])
        let f = frame(panel)
        guard case .outsideRight = f.legend else { Issue.record("expected outside, got \(f.legend)"); return }
        // The plot shrinks to make room for the legend.
        let alone = Figure(width: 3, height: 2.5, panels: [Panel(x: Axis(limits: 0...1), y: Axis(limits: 0...1))]).layout()[0]
        #expect(f.plot.width < alone.plot.width - 20)
    }
}
