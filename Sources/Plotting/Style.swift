/// Sizes (points) of the furniture around a plot, shared by layout and drawing.
enum Style {
    static let frameWidth = 0.6
    static let majorTick = 3.0
    static let minorTick = 1.6
    static let tickPad = 2.0          // tick to tick label
    static let labelPad = 3.0         // tick labels to axis label
    static let edgePad = 2.0          // axis label to cell edge
    static let panelLabelHeight = 11.0
    static let colorBarGap = 5.0
    static let colorBarWidth = 6.0
    static let legendPad = 2.5
    static let legendSample = 14.0
    static let legendGap = 3.0
    static let legendInset = 3.0      // legend box to plot frame
    static let figureLegendSpacing = 9.0
}
