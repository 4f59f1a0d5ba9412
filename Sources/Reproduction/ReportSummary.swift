/// Every value the report quotes and the expectations check, as typed groups computed once from
/// the analysis stages' outputs by `init(_:)`. The summary stage writes it to its cache entry
/// (`summary.json`, which the figures read) and writes its keyed form (`keyedValues`: each
/// field's key is its path of coding keys, SummaryValues.swift) as `values.json`. Run-time facts
/// (profile, cost, figure paths) are added by `Study` when the report is built.
struct ReportSummary: Codable, Sendable, Equatable {
    static let fileName = "summary.json"

    var statePoint: StatePoint
    var model: ModelSummary
    var equilibrium: EquilibriumSummary
    /// At τα and at t_β.
    var alpha: TimescaleSummary
    var beta: TimescaleSummary
    var betaTime: BetaTimeSummary
    var unsupervised: UnsupervisedSummary
    var noise: NoiseSummary
    var species: SpeciesSummary
    var series: TemperatureSeries
    /// The paper's numbers, computed from its published values by the same functions.
    var paper: PaperSummary

    init(_ o: StudyOutputs) throws {
        statePoint = try StatePoint(o)
        model = ModelSummary(o)
        equilibrium = EquilibriumSummary(o)
        alpha = try TimescaleSummary(o, time: .tauAlpha)
        beta = try TimescaleSummary(o, time: .tBeta)
        betaTime = BetaTimeSummary(alpha: alpha, beta: beta)
        unsupervised = UnsupervisedSummary(o)
        noise = try NoiseSummary(o, deltaQToP: alpha.scan.deltaQToP.value)
        species = try SpeciesSummary(o)
        paper = try PaperSummary()
        series = TemperatureSeries(o, paper: paper)
    }
}
