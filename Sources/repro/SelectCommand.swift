import ArgumentParser
import Foundation
import Reproduction

struct SelectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "select",
        abstract: "Greedy feature selection by information imbalance (paper Sec. III B–C).",
        discussion: """
        With --target: supervised selection, each step adds the feature minimising Δ(X_d → target). \
        Without: unsupervised selection minimising Δ̄ = [Δ(X_full → X_d) + Δ(X_d → X_full)]/√2. \
        Features are standardized per column first (unless --no-standardize); the target is used as \
        given, one value per row of X: a 1-D array, or one column of a 2-D one as FILE:COLUMN (an index, or a \
        name from FILE.names.json; the pipeline's propensity.npy has p_t_beta, q_t_beta, p_tau_alpha, q_tau_alpha). \
        Ties between candidates go to the lowest column index. Feature names are read from \
        --names or, when present, from <features stem>.names.json beside the features file (a JSON \
        array of strings, one per column). Constant (zero-variance) columns are refused, and so is an input \
        whose N × N arrays would exceed --max-memory; both before any compute. With --subsample the M rows \
        (of the features and the target alike) are drawn first, and N below is M.

        Cost, for N points and m columns: memory 8 N² bytes supervised, 12 N² unsupervised (e.g. 128 MB and \
        192 MB at N = 4000), plus 32 N m. Time per step O(N² m) at k = 1, with pruning that makes it far \
        smaller in practice (make bench, N = 4000, m = 60, 15 steps: about 4 s supervised and 7 s unsupervised); \
        at k > 1 every candidate's full distance row is ranked, O(N² m (1 + 2k)) per step (N = 1000, m = 60, \
        5 steps: 0.2 s at k = 1, 0.9 s at k = 10). Both grow as N²: --subsample M divides time and memory by (N/M)². \
        (Times measured on 2 loaded cores.)
        """)

    @Option(help: "Feature matrix X (.npy, rows = points, columns = features; FILE.npy:COLUMN keeps one column).")
    var features: String
    @Option(help: "Scalar target y for the supervised selection: a 1-D .npy, or one column of a 2-D one as FILE.npy:COLUMN (0-based index, or a name from FILE.names.json), e.g. propensity.npy:p_tau_alpha (default: none, unsupervised).")
    var target: String?
    // parsing: .unconditional lets negative numbers through to validate() (a plain message there).
    @Option(name: .customLong("max-d"), parsing: .unconditional, help: "Number of features to select, 1 … number of columns (as the imbalance stage's max_d).")
    var maxD: Int = ImbalanceStage.maxD.intDefault
    @Option(help: "Feature names (JSON array of strings) (default: <features stem>.names.json if it exists).")
    var names: String?
    @Option(name: .customLong("noise-seed"), parsing: .unconditional, help: "Supervised only: append a standardized Gaussian-noise feature drawn with this seed after the last step (default: no noise point).")
    var noiseSeed: UInt64?
    @Flag(name: .customLong("no-standardize"), help: "Use the features as given (default: standardize each column).")
    var noStandardize = false
    @Option(name: .customLong("max-memory"), help: "Memory the selection may use, e.g. 8G or 500M; it holds N × N distances (8 bytes each, 12 unsupervised) (default: half the physical memory).")
    var maxMemory: ByteCount?
    @OptionGroup var rank: RankOptions

    func validate() throws {
        try checkField("--max-d", ImbalanceStage.maxD, .int(maxD))
        if noiseSeed != nil && target == nil { throw ValidationError("--noise-seed needs --target (the noise point belongs to the supervised selection)") }
    }

    func run() throws {
        let input = try ImbalanceInput.read(features)
        var x = input.space
        let allPoints = x.pointCount
        guard maxD <= x.featureCount else {
            throw ImbalanceInput.Problem("\(features): --max-d \(maxD) exceeds its \(x.featureCount) columns; allowed 1...\(x.featureCount)")
        }
        let labels = try featureNames(input)
        func label(_ c: Int) -> String { labels.map { $0[c] } ?? "-" }
        let rows = try rank.rows(points: allPoints, file: input.path)
        // Decided before any compute: a selection too large for memory is a fatal allocation.
        let limit = maxMemory?.bytes ?? GreedySelection.defaultMemoryLimit
        do {
            try GreedySelection.checkMemory(points: rows?.count ?? allPoints, features: x.featureCount, supervised: target != nil, limit: limit)
        } catch let InformationImbalanceError.selectionMemory(points, bytes, limit, fitting) {
            let error = InformationImbalanceError.selectionMemory(points: points, bytes: bytes, limit: limit, fitting: fitting)
            throw ImbalanceInput.Problem("\(features): \(error): compute on a random subset of the rows with --subsample M --seed S "
                                         + "(M ≤ \(fitting)), or raise --max-memory (default: half the physical memory)")
        }
        if let rows { x = try x.selecting(points: rows) }
        try ImbalanceInput.requireVarying(x, of: input, labels: labels, wayOut: "write the features file without them")
        let selection = try GreedySelection(maxD: maxD, k: rank.k, standardize: !noStandardize, memoryLimit: limit)
        let on = rank.describe(points: allPoints)
        if let target {
            var y = try ImbalanceInput.read(target, oneColumn: true).space
            guard y.pointCount == allPoints else {
                throw ImbalanceInput.Problem("\(target) has \(y.pointCount) rows but \(features) has \(allPoints); both need one row per point")
            }
            if let rows { y = try y.selecting(points: rows) }
            guard y.constantFeatures.isEmpty else {
                throw ImbalanceInput.Problem("\(target): the target is constant (zero variance): every point ties with every other, so Δ would come from how ties are broken alone")
            }
            let noise = noiseSeed.map { seed -> [Double] in
                var r = RandomStream(seed: seed, purpose: .noiseFeature)
                return (0..<x.pointCount).map { _ in r.gaussian() }
            }
            let result = try selection.supervised(features: x, target: y.column(0), noise: noise)
            print("supervised selection: \(features) (\(on), \(x.featureCount) features) → \(target)")
            print(["d", "feature", "name", "Δ(X_d→y)", "Δ(y→X_d)"].joined(separator: "\t"))
            for d in 0..<maxD {
                print(["\(d + 1)", "\(result.order[d])", label(result.order[d]), "\(result.toTarget[d])", "\(result.fromTarget[d])"].joined(separator: "\t"))
            }
            if let p = result.withNoise {
                print(["\(maxD + 1)", "noise", "Gaussian noise (seed \(noiseSeed!))", "\(p.forward)", "\(p.backward)"].joined(separator: "\t"))
            }
        } else {
            let result = try selection.unsupervised(features: x)
            print("unsupervised selection: \(features) (\(on), \(x.featureCount) features)")
            print(["d", "feature", "name", "Δ(X_full→X_d)", "Δ(X_d→X_full)", "Δ̄"].joined(separator: "\t"))
            for d in 0..<maxD {
                print(["\(d + 1)", "\(result.order[d])", label(result.order[d]), "\(result.fullToSubset[d])",
                       "\(result.subsetToFull[d])", "\(result.symmetric[d])"].joined(separator: "\t"))
            }
        }
    }

    /// Names of the chosen columns: from --names (one per chosen column), else from
    /// `<stem>.names.json` beside the features file, else nil.
    func featureNames(_ input: ImbalanceInput.Input) throws -> [String]? {
        let count = input.columns.count
        guard let names else { return input.names.map { all in input.columns.map { all[$0] } } }
        if let problem = readProblem(URL(fileURLWithPath: names)) { throw ImbalanceInput.Problem("\(names): cannot read the names file: \(problem)") }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: names)) } catch {
            throw ImbalanceInput.Problem("\(names): cannot read the names file: \(error.localizedDescription)")
        }
        guard let list = try? JSONDecoder().decode([String].self, from: data) else {
            throw ImbalanceInput.Problem("\(names): expected a JSON array of strings (one name per feature column)")
        }
        guard list.count == count else {
            throw ImbalanceInput.Problem("\(names): has \(list.count) names but \(features) has \(count) columns")
        }
        return list
    }
}

/// A memory size on the command line: bytes, or a number with K, M, G or T (powers of 1000).
struct ByteCount: ExpressibleByArgument {
    let bytes: Double

    init?(argument: String) {
        let units: [Character: Double] = ["K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12]
        var text = argument.uppercased()
        if text.hasSuffix("B") { text.removeLast() }
        let scale = text.last.flatMap { units[$0] }
        if scale != nil { text.removeLast() }
        guard let value = Double(text), value.isFinite, value > 0 else { return nil }
        bytes = value * (scale ?? 1)
    }
}
