/// Shape of a plot marker.
public enum MarkerShape: Sendable { case circle, square, diamond, triangle, triangleDown, pentagon }

/// How a marker looks: shape, diameter in points, colour, filled or open.
public struct MarkerStyle: Sendable {
    public var shape: MarkerShape
    public var size: Double
    public var color: RGBA
    public var filled: Bool
    public var lineWidth: Double

    public init(_ shape: MarkerShape = .circle, size: Double = 4, color: RGBA = .black,
                filled: Bool = true, lineWidth: Double = 0.7) {
        self.shape = shape; self.size = size; self.color = color; self.filled = filled; self.lineWidth = lineWidth
    }
}

/// How a line looks: colour, width in points, dash pattern in points (empty = solid).
public struct LineStyle: Sendable {
    public var color: RGBA
    public var width: Double
    public var dash: [Double]

    public init(color: RGBA = .black, width: Double = 1, dash: [Double] = []) {
        self.color = color; self.width = width; self.dash = dash
    }

    public static func dashed(_ color: RGBA, width: Double = 0.9) -> LineStyle {
        LineStyle(color: color, width: width, dash: [3, 2])
    }
    public static func dotted(_ color: RGBA, width: Double = 0.8) -> LineStyle {
        LineStyle(color: color, width: width, dash: [0.8, 1.6])
    }
}

/// Points (x, y) drawn as a line and/or markers, with optional vertical error bars and text inside
/// the markers; a non-nil `label` gives the series a legend entry.
public struct Series: Sendable {
    public var x: [Double]
    public var y: [Double]
    public var yError: [Double]?
    public var line: LineStyle?
    public var marker: MarkerStyle?
    public var label: String?
    /// Text (markup) drawn centred inside each marker, e.g. the number of features d.
    public var markerText: [String]?

    public init(x: [Double], y: [Double], yError: [Double]? = nil, line: LineStyle? = nil,
                marker: MarkerStyle? = nil, label: String? = nil, markerText: [String]? = nil) {
        precondition(x.count == y.count, "Series: x has \(x.count) values, y has \(y.count)")
        precondition(yError.map { $0.count == x.count } ?? true, "Series: yError must have one value per point")
        self.x = x; self.y = y; self.yError = yError; self.line = line; self.marker = marker
        self.label = label; self.markerText = markerText
    }
}

/// Filled discs of given diameters (data units) coloured by value: particle maps.
/// With a `box` side L, discs crossing the edge of the periodic box [0, L)² are also drawn at their images.
public struct Discs: Sendable {
    public var x: [Double]
    public var y: [Double]
    public var diameter: [Double]
    public var values: [Double]
    public var colormap: Colormap
    public var range: ClosedRange<Double>
    public var box: Double?

    public init(x: [Double], y: [Double], diameter: [Double], values: [Double],
                colormap: Colormap = .viridis, range: ClosedRange<Double>, box: Double? = nil) {
        precondition(x.count == y.count && y.count == diameter.count && diameter.count == values.count,
                     "Discs: x, y, diameter and values must have the same length")
        self.x = x; self.y = y; self.diameter = diameter; self.values = values
        self.colormap = colormap; self.range = range; self.box = box
    }
}

/// Text (markup) at a data point, shifted by (dx, dy) points.
public struct TextMark: Sendable {
    public var text: String
    public var x: Double, y: Double
    public var anchor: Anchor
    public var font: Font
    public var color: RGBA
    public var dx: Double, dy: Double
    /// If true, (x, y) are fractions of the plot area (0…1 from the bottom left), not data.
    public var relative: Bool

    public init(_ text: String, x: Double, y: Double, anchor: Anchor = Anchor(.center, .center),
                font: Font = .annotation, color: RGBA = .black, dx: Double = 0, dy: Double = 0,
                relative: Bool = false) {
        self.text = text; self.x = x; self.y = y; self.anchor = anchor; self.font = font
        self.color = color; self.dx = dx; self.dy = dy; self.relative = relative
    }
}

/// A line across the whole plot: horizontal at y, vertical at x, or the diagonal y = x.
public struct ReferenceLine: Sendable {
    public enum Kind: Sendable { case horizontal(Double), vertical(Double), diagonal }
    public var kind: Kind
    public var style: LineStyle
    public init(_ kind: Kind, style: LineStyle = .dotted(.grey)) { self.kind = kind; self.style = style }
}

/// A closed polygon in data coordinates (shaded regions of schematics).
public struct Polygon: Sendable {
    public var x: [Double], y: [Double]
    public var fill: RGBA
    public var stroke: LineStyle?
    public init(x: [Double], y: [Double], fill: RGBA, stroke: LineStyle? = nil) {
        self.x = x; self.y = y; self.fill = fill; self.stroke = stroke
    }
}

/// An arrow from (x0, y0) to (x1, y1) in data coordinates with a filled head.
public struct Arrow: Sendable {
    public var x0: Double, y0: Double, x1: Double, y1: Double
    public var style: LineStyle
    public var headLength: Double
    public init(from: (Double, Double), to: (Double, Double), style: LineStyle = LineStyle(width: 0.8),
                headLength: Double = 4) {
        x0 = from.0; y0 = from.1; x1 = to.0; y1 = to.1; self.style = style; self.headLength = headLength
    }
}

/// Anything drawn inside a panel's plot area.
public enum Mark: Sendable {
    case series(Series)
    case discs(Discs)
    case text(TextMark)
    case reference(ReferenceLine)
    case polygon(Polygon)
    case arrow(Arrow)
}
