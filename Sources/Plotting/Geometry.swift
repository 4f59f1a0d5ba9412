/// A rectangle in points, origin at the top left of the page, y downwards.
public struct Rect: Sendable, Equatable {
    public var x: Double, y: Double, width: Double, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    func contains(_ px: Double, _ py: Double) -> Bool { px >= x && px <= maxX && py >= y && py <= maxY }
    func insetBy(_ d: Double) -> Rect { Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }
}

/// A panel placed on the page: its cell, its plot area and the resolved axes.
public struct PanelFrame: Sendable {
    public let cell: Rect
    public let plot: Rect
    public let x: AxisFrame
    public let y: AxisFrame
    let legend: LegendPlacement

    /// Page position in points of the data point (x, y).
    public func point(_ dx: Double, _ dy: Double) -> (x: Double, y: Double) {
        (plot.x + x.fraction(dx) * plot.width, plot.maxY - y.fraction(dy) * plot.height)
    }
}
