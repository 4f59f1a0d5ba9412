/// The two times at which the propensity is measured (Sec. II C): τα, and the β time t_β; and the
/// time of a propensity `repro analyze` is given, whatever it was. Raw values are the labels in
/// propensity.json, imbalance.json and regression.json.
enum Timescale: String, Codable, CaseIterable, Sendable, CustomStringConvertible {
    case tauAlpha = "tau_alpha"
    case tBeta = "t_beta"
    case given = "given"

    var description: String { rawValue }
}
