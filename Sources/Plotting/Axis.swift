/// Linear or logarithmic (base 10) mapping of data to the page.
public enum Scale: Sendable { case linear, log }

/// One axis of a panel: its label (Pango markup), scale, limits and optional tick overrides.
public struct Axis: Sendable {
    public var label: String
    public var scale: Scale
    /// Fixed limits; `nil` fits the data with a small margin.
    public var limits: ClosedRange<Double>?
    /// Major ticks to use instead of the automatic ones.
    public var ticks: [Double]?
    /// Labels (markup) of `ticks`, one per tick.
    public var tickLabels: [String]?
    /// Hidden axes draw neither frame, ticks nor labels (schematics).
    public var hidden: Bool

    public init(_ label: String = "", scale: Scale = .linear, limits: ClosedRange<Double>? = nil,
                ticks: [Double]? = nil, tickLabels: [String]? = nil, hidden: Bool = false) {
        self.label = label; self.scale = scale; self.limits = limits
        self.ticks = ticks; self.tickLabels = tickLabels; self.hidden = hidden
    }
}
