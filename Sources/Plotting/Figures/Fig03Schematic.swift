/// Fig. 3 data: positions of the four points i, j, k, l in the A–B plane (defaults reproduce the
/// paper's ranks: j, k, l are 1st, 2nd, 3rd neighbours of i along A and 3rd, 1st, 2nd along B).
public struct SchematicData: Sendable {
    public var names: [String]
    public var a: [Double]
    public var b: [Double]
    public init(names: [String] = ["i", "j", "k", "l"], a: [Double] = [0.40, 0.48, 0.22, 0.74],
                b: [Double] = [0.40, 0.88, 0.47, 0.20]) {
        precondition(names.count == a.count && a.count == b.count && a.count >= 2, "SchematicData: one A and B per name")
        self.names = names; self.a = a; self.b = b
    }

    /// Rank (1 = nearest) of every other point relative to the first, by |ΔA| and by |ΔB|.
    public var ranks: (a: [Int], b: [Int]) {
        func ranks(_ v: [Double]) -> [Int] {
            let others = Array(v.indices.dropFirst())
            let sorted = others.sorted { abs(v[$0] - v[0]) < abs(v[$1] - v[0]) }
            return others.map { j in sorted.firstIndex(of: j)! + 1 }
        }
        return (ranks(a), ranks(b))
    }
}

extension PaperFigures {
    /// Fig. 3: (a) four points in the A–B plane with their ranks relative to i; (b) the information
    /// imbalance plane with the four regimes.
    public static func imbalanceSchematic(_ data: SchematicData = SchematicData()) -> Figure {
        let (ra, rb) = data.ranks
        let i = data.names[0]
        var a: [Mark] = [.series(Series(x: data.a, y: data.b, marker: MarkerStyle(.circle, size: 5, color: Palette.blue)))]
        // Dotted guides from i show the distances that are ranked.
        a.append(.reference(ReferenceLine(.vertical(data.a[0]), style: .dotted(.grey))))
        a.append(.reference(ReferenceLine(.horizontal(data.b[0]), style: .dotted(.grey))))
        a.append(.text(TextMark("<i>\(i)</i>", x: data.a[0], y: data.b[0], anchor: Anchor(.right, .top), dx: -3, dy: 2)))
        for n in 1..<data.names.count {
            let j = data.names[n]
            let s = "<i>\(j)</i>   <i>r</i><sup><i>A</i></sup><sub><i>\(i)\(j)</i></sub> = \(ra[n - 1]),  <i>r</i><sup><i>B</i></sup><sub><i>\(i)\(j)</i></sub> = \(rb[n - 1])"
            a.append(.text(TextMark(s, x: data.a[n], y: data.b[n], anchor: Anchor(.left, .center), dx: 4.5)))
        }
        let plane = Panel(x: Axis("<i>A</i>", limits: 0...1, ticks: []), y: Axis("<i>B</i>", limits: 0...1, ticks: []),
                          marks: a, legend: .none)
        // (b): Δ(A→B) on x, Δ(B→A) on y; above the diagonal A is the more informative.
        let m = { (s: MarkerShape, c: RGBA) in MarkerStyle(s, size: 5.5, color: c) }
        var b: [Mark] = [
            .polygon(Polygon(x: [0, 0, 1.1], y: [0, 1.1, 1.1], fill: Palette.blue.withAlpha(0.08))),
            .reference(ReferenceLine(.diagonal, style: .dashed(.grey, width: 0.7))),
            .series(Series(x: [0], y: [0], marker: m(.circle, Palette.bluishGreen))),
            .series(Series(x: [1], y: [1], marker: m(.square, Palette.reddishPurple))),
            .series(Series(x: [0.03], y: [0.97], marker: m(.triangle, Palette.blue))),
            .series(Series(x: [0.5], y: [0.5], marker: m(.diamond, Palette.vermillion))),
            .text(TextMark("equivalent", x: 0, y: 0, anchor: Anchor(.left, .bottom), dx: 5, dy: -2)),
            .text(TextMark("independent", x: 1, y: 1, anchor: Anchor(.right, .top), dx: -5, dy: 2)),
            .text(TextMark("<i>A</i> more informative", x: 0.03, y: 0.97, anchor: Anchor(.left, .top), dx: 5, dy: 1)),
            .text(TextMark("symmetric sharing", x: 0.5, y: 0.5, anchor: Anchor(.left, .top), dx: 4, dy: 2)),
            .text(TextMark("Δ(<i>A</i> → <i>B</i>) &lt; Δ(<i>B</i> → <i>A</i>)", x: 0.06, y: 0.62,
                           anchor: Anchor(.left, .center), color: Palette.blue)),
        ]
        b.append(.text(TextMark("Δ(<i>A</i> → <i>B</i>) &gt; Δ(<i>B</i> → <i>A</i>)", x: 1.04, y: 0.1,
                                anchor: Anchor(.right, .center), color: .grey)))
        let ticks = [0, 0.5, 1.0]
        let deltaPlane = Panel(x: Axis(Notation.delta("<i>A</i>", "<i>B</i>"), limits: -0.06...1.1, ticks: ticks),
                               y: Axis(Notation.delta("<i>B</i>", "<i>A</i>"), limits: -0.06...1.1, ticks: ticks),
                               marks: b, legend: .none, equalAspect: true)
        return Figure(width: Figure.doubleColumn, height: 2.9, columns: 2, panels: [plane, deltaPlane])
    }
}
