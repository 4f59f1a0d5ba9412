import ArgumentParser
import Foundation
import Reproduction

struct DynamicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dynamics",
        abstract: "Measure F_s^CR(k = 6.3, t) and τα, and with --runs the propensities p and q (paper Eq. (1) to Eq. (4)).",
        discussion: """
        Without --runs: one trajectory with --origins time origins spaced --sweeps/2 apart; F_s^CR is \
        recorded at log-spaced lags up to --sweeps and averaged over origins. With --runs M: M \
        iso-configurational trajectories of --sweeps sweeps from the same configuration; p_i and q_i are \
        recorded at --times and F_s^CR from t = 0 averaged over the runs. Writes fs.csv and fs.npy \
        (columns t, F_s^CR), tau_alpha.txt, and with --runs p.npy and q.npy (N × times, one column per \
        time, named in p.names.json and q.names.json as p_t<sweeps>, q_t<sweeps>, so that p.npy:p_t1000 \
        selects a column for imbalance and select) and times.npy. \
        Checkpoints live in DIR/checkpoints: rerunning the same command after an interruption resumes.
        """)

    @Option(help: "Starting configuration (extended XYZ), ideally equilibrated at --temperature.")
    var from: String
    // parsing: .unconditional lets negative numbers through to validate() (a plain message there).
    @Option(parsing: .unconditional, help: "Temperature T (> 0).")
    var temperature: Double
    @Option(parsing: .unconditional, help: "Longest lag / length of each iso-configurational trajectory, in sweeps (1…10^11).")
    var sweeps: Int
    @Option(parsing: .unconditional, help: "Seed of every random stream (0…2^64 − 1).")
    var seed: UInt64 = 1
    @Option(parsing: .unconditional, help: "Number of iso-configurational trajectories, 1…\(SimulationStages.Propensity.runs.maximum.map { Int($0) } ?? 0), as the propensity stage's runs (omit for F_s^CR only).")
    var runs: Int?
    @Option(parsing: .unconditional, help: "Comma-separated sweeps at which p and q are recorded (default: --sweeps).")
    var times: String?
    @Option(parsing: .unconditional, help: "Time origins of the F_s^CR run without --runs, as the relaxation stage's origins.")
    var origins: Int = SimulationStages.Relaxation.origins.intDefault
    @Option(parsing: .unconditional, help: "Sweeps between checkpoints (≥ 1).")
    var checkpointInterval: Int = 1000
    @Option(parsing: .unconditional, help: "Worker threads for --runs, 1…4096 (default: all cores).")
    var threads: Int?
    @Option(help: "Output directory.")
    var out: String

    func parsedTimes() throws -> [Int] {
        guard let times else { return [sweeps] }
        let parts = times.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let values = parts.compactMap { Int($0) }
        guard values.count == parts.count, !values.isEmpty else { throw ValidationError("--times must be comma-separated whole sweeps, got '\(times)'") }
        guard values.count <= EngineLimits.maxTimes else { throw ValidationError("--times may list at most \(EngineLimits.maxTimes) times, got \(values.count)") }
        guard values.allSatisfy({ $0 >= 1 && $0 <= sweeps }), zip(values, values.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw ValidationError("--times must increase strictly and lie in 1…--sweeps (\(sweeps)), got '\(times)'")
        }
        return values
    }

    func validate() throws {
        try checkField("--temperature", SimulationStages.temperature, .double(temperature))
        try checkRange("--sweeps", sweeps, 1, EngineLimits.maxSweeps)
        if let runs { try checkField("--runs", SimulationStages.Propensity.runs, .int(runs)) }
        try checkField("--origins", SimulationStages.Relaxation.origins, .int(origins))
        try checkRange("--checkpoint-interval", checkpointInterval, 1, Int.max)
        if let threads { try checkRange("--threads", threads, 1, 4096) }
        let times = try parsedTimes()
        // The science types check what the options imply together (e.g. the trajectory length).
        do {
            if let runs { _ = try IsoconfigurationalEnsemble(temperature: temperature, runs: runs, times: times) }
            else { _ = try RelaxationRun(temperature: temperature, maxLag: sweeps, origins: origins) }
        } catch let e as DynamicsError {
            throw ValidationError("\(e) (from --sweeps \(sweeps)" + (runs == nil ? ", --origins \(origins))" : ", --times)"))
        }
        let dir = URL(fileURLWithPath: out)
        try OutputCheck.require("--out", files: outputNames.map { dir.appendingPathComponent($0) },
                                directories: [dir, dir.appendingPathComponent("checkpoints")])
    }

    /// The files written into --out.
    var outputNames: [String] {
        ["fs.npy", "fs.csv", "tau_alpha.txt"] + (runs == nil ? [] : ["p.npy", "q.npy", "times.npy", "p.names.json", "q.names.json"])
    }

    func run() throws { try FileProblem.translatingErrors(measure) }

    func measure() throws {
        let flag = Interruption.install()
        let start = try ExtendedXYZ.read(from: URL(fileURLWithPath: from))
        try start.requireSquare(path: from)
        let dir = URL(fileURLWithPath: out)
        let checkpoints = dir.appendingPathComponent("checkpoints")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let curveTimes: [Int], fs: [Double], tau: Double?
        var arrays: [(String, NpyArray)] = [], names: [(String, Data)] = []
        do {
            if let runs {
                let e = try IsoconfigurationalEnsemble(temperature: temperature, runs: runs, times: parsedTimes())
                let r = try e.compute(from: start, seed: seed, checkpointDirectory: checkpoints, checkpointInterval: checkpointInterval,
                                      threads: threads, cancellation: flag, progress: { d, t in progressLine("iso runs", d, t) })
                let n = start.count
                for (name, m) in [("p", r.p), ("q", r.q)] {
                    arrays.append(("\(name).npy", NpyArray(shape: [n, r.times.count], values: (0..<n).flatMap { i in m.map { $0[i] } })))
                    names.append(("\(name).names.json", try JSONEncoder().encode(r.times.map { "\(name)_t\($0)" })))
                }
                arrays.append(("times.npy", NpyArray(int32: r.times.map(Int32.init))))
                (curveTimes, fs, tau) = (r.curveTimes, r.fs, r.tauAlpha)
                for (k, t) in r.times.enumerated() {
                    print(String(format: "t = %d: mean p = %.4f, mean q = %.4f", t, r.p[k].reduce(0, +) / Double(n), r.q[k].reduce(0, +) / Double(n)))
                }
            } else {
                let relax = try RelaxationRun(temperature: temperature, maxLag: sweeps, origins: origins)
                let r = try relax.compute(from: start, seed: seed, checkpointURL: checkpoints.appendingPathComponent("relaxation-seed\(seed)-maxlag\(sweeps)-origins\(origins).ckpt"),
                                          checkpointInterval: checkpointInterval, cancellation: flag,
                                          progress: { d, t in progressLine("relaxation", d, t) })
                (curveTimes, fs, tau) = (r.times, r.fs, r.tauAlpha)
            }
        } catch DynamicsError.cancelled {
            FileHandle.standardError.write(Data("interrupted; rerun the same command to resume from \(checkpoints.path)\n".utf8))
            throw ExitCode(Interruption.exitStatus)
        }
        arrays.append(("fs.npy", NpyArray(shape: [fs.count, 2], values: zip(curveTimes, fs).flatMap { [Double($0), $1] })))
        // Refuse a NaN anywhere before writing anything, so no half set of outputs is left.
        for (name, a) in arrays { try a.requireFinite(path: dir.appendingPathComponent(name).path) }
        let tauText = tau.map { String(format: "%.6g", $0) } ?? "not reached (F_s^CR stays above 1/e)"
        var csv = "# F_s^CR(k = \(paperWaveNumber), t), T = \(temperature), tau_alpha = \(tauText) sweeps\nt,fs_cr\n"
        for (t, f) in zip(curveTimes, fs) { csv += "\(t),\(f)\n" }
        for (name, a) in arrays { try a.write(to: dir.appendingPathComponent(name)) }
        for (name, data) in names { try writeAtomically(data, to: dir.appendingPathComponent(name)) }
        try writeAtomically(csv, to: dir.appendingPathComponent("fs.csv"))
        try writeAtomically("\(tauText)\n", to: dir.appendingPathComponent("tau_alpha.txt"))
        print("tau_alpha = \(tauText) sweeps; results in \(dir.path)")
    }
}
