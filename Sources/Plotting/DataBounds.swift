import Foundation

/// The range of the data of a panel along one axis, used when the axis has no fixed limits.
enum DataBounds {
    /// Min and max of the finite values along x (or y) over all marks; positive values only for log.
    static func range(of marks: [Mark], alongX: Bool, scale: Scale) -> (Double, Double)? {
        var lo = Double.infinity, hi = -Double.infinity
        func add(_ v: Double) {
            guard v.isFinite, scale == .linear || v > 0 else { return }
            lo = min(lo, v); hi = max(hi, v)
        }
        for mark in marks {
            switch mark {
            case .series(let s):
                for i in s.x.indices {
                    if alongX { add(s.x[i]); continue }
                    add(s.y[i])
                    if let e = s.yError?[i], e.isFinite { add(s.y[i] - e); add(s.y[i] + e) }
                }
            case .discs(let d):
                if let box = d.box { add(0); add(box) } else { (alongX ? d.x : d.y).forEach(add) }
            case .polygon(let p): (alongX ? p.x : p.y).forEach(add)
            case .arrow(let a): add(alongX ? a.x0 : a.y0); add(alongX ? a.x1 : a.y1)
            case .text, .reference: break
            }
        }
        return lo <= hi ? (lo, hi) : nil
    }

    /// Limits with a margin of 4 % of the span on each side (in log space for log axes).
    static func padded(_ r: (Double, Double)?, scale: Scale) -> (Double, Double) {
        guard let (lo, hi) = r else { return scale == .log ? (0.1, 1) : (0, 1) }
        switch scale {
        case .linear:
            let span = hi - lo
            if span <= 0 { let m = max(abs(lo) * 0.1, 0.5); return (lo - m, hi + m) }
            return (lo - 0.04 * span, hi + 0.04 * span)
        case .log:
            let a = log10(lo), b = log10(hi)
            let span = max(b - a, 0.3)
            return (pow(10, a - 0.04 * span), pow(10, b + 0.04 * span))
        }
    }
}
