/// A figure: panels in a grid of `rows` × `columns` (row-major), a size in inches, an optional legend
/// strip across the top shared by all panels, and (a), (b)… labels when there is more than one panel.
public struct Figure: Sendable {
    /// Journal column widths in inches.
    public static let singleColumn = 3.37
    public static let doubleColumn = 6.69
    /// PNG resolution.
    public static let dpi = 300.0

    public var width: Double
    public var height: Double
    public var rows: Int
    public var columns: Int
    public var panels: [Panel]
    public var legend: [LegendEntry]
    public var panelLabels: Bool

    public init(width: Double, height: Double, rows: Int = 1, columns: Int = 1, panels: [Panel],
                legend: [LegendEntry] = [], panelLabels: Bool? = nil) {
        precondition(panels.count <= rows * columns, "Figure: \(panels.count) panels do not fit \(rows)×\(columns)")
        self.width = width; self.height = height; self.rows = rows; self.columns = columns
        self.panels = panels; self.legend = legend; self.panelLabels = panelLabels ?? (panels.count > 1)
    }

    /// Size of the PNG in pixels at `dpi`.
    public var pixelSize: (width: Int, height: Int) {
        (Int((width * Figure.dpi).rounded()), Int((height * Figure.dpi).rounded()))
    }
}
