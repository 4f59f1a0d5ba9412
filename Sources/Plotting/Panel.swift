/// Where a panel's legend goes: chosen automatically (a corner free of data, else outside on the
/// right), a fixed corner, outside right, or nowhere.
public enum LegendPlacement: Sendable {
    public enum Corner: Sendable { case topLeft, topRight, bottomLeft, bottomRight }
    case auto, corner(Corner), outsideRight, none
}

/// A colour bar beside the plot area: the map, the value range it spans and its label.
public struct ColorBar: Sendable {
    public var colormap: Colormap
    public var range: ClosedRange<Double>
    public var label: String
    public init(colormap: Colormap = .viridis, range: ClosedRange<Double>, label: String) {
        self.colormap = colormap; self.range = range; self.label = label
    }
}

/// One legend row: its text and the line and marker it shows.
public struct LegendEntry: Sendable {
    public var label: String
    public var line: LineStyle?
    public var marker: MarkerStyle?
    public init(_ label: String, line: LineStyle? = nil, marker: MarkerStyle? = nil) {
        self.label = label; self.line = line; self.marker = marker
    }
}

/// One panel of a figure: two axes and the marks drawn in between.
public struct Panel: Sendable {
    public var x: Axis
    public var y: Axis
    public var marks: [Mark]
    public var legend: LegendPlacement
    /// Extra legend rows after those of labelled series (e.g. one "paper" entry for many curves).
    public var extraLegend: [LegendEntry]
    public var colorBar: ColorBar?
    /// Equal data units on both axes (particle maps).
    public var equalAspect: Bool

    public init(x: Axis, y: Axis, marks: [Mark] = [], legend: LegendPlacement = .auto,
                extraLegend: [LegendEntry] = [], colorBar: ColorBar? = nil, equalAspect: Bool = false) {
        self.x = x; self.y = y; self.marks = marks; self.legend = legend
        self.extraLegend = extraLegend; self.colorBar = colorBar; self.equalAspect = equalAspect
    }

    /// Legend rows: labelled series in order, then the extra entries.
    var legendEntries: [LegendEntry] {
        var out: [LegendEntry] = []
        for case .series(let s) in marks {
            if let label = s.label { out.append(LegendEntry(label, line: s.line, marker: s.marker)) }
        }
        return out + extraLegend
    }
}
