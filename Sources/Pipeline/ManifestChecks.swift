/// Load-time checks that keep a manifest from costing compute, memory or files it should not:
/// names that become paths, fan-out limits, the executor table, and expectation quantities
/// that nothing provides. Each error is located like every other manifest error.
import Foundation

extension ManifestLoader {
    /// Profile and stage names become directory and file names (results/<profile>/,
    /// records/<profile>/<stage>[i].json, exports named after the stage).
    mutating func checkNames(profiles: [String: ParameterValue]) {
        if let p = profile, !Manifest.isValidName(p) {
            errors.errors.append(ManifestError(file: errors.file, line: nil, field: "profile",
                                               message: "invalid profile name '\(p)': \(Manifest.nameRule("profile"))"))
        }
        for p in profiles.keys.sorted() where !Manifest.isValidName(p) {
            errors.add(["profiles", p], "invalid profile name '\(p)': \(Manifest.nameRule("profile"))")
        }
        for s in (doc["stage"]?.tableValue ?? [:]).keys.sorted() where !Manifest.isValidName(s) {
            errors.add(["stage", s], "invalid stage name '\(s)': \(Manifest.nameRule("stage"))")
        }
    }

    /// Unknown keys and bad values of the merged `[executor]` table, whatever the executor.
    mutating func checkExecutor(_ table: [String: ParameterValue], paths: [String: [String]]) {
        for p in registry.executorChecks.flatMap({ $0(table) }) {
            errors.add(paths[p.key] ?? ["executor", p.key], p.message)
        }
    }

    /// Records a fan-out beyond `TaskGraph.maxTasksPerStage`; reported once per count.
    mutating func limitFanOut(_ stage: String, count: Int, path: [String]) {
        guard count > TaskGraph.maxTasksPerStage else { return }
        oversized[path.joined(separator: "."), default: (path, count, [])].stages.append(stage)
    }

    mutating func reportOversized() {
        for (_, o) in oversized.sorted(by: { $0.key < $1.key }) {
            let names = o.stages.map { "'\($0)'" }.joined(separator: ", ")
            errors.add(o.path, "\(o.count) tasks for stage\(o.stages.count > 1 ? "s" : "") \(names): the limit is "
                + "\(TaskGraph.maxTasksPerStage) tasks per stage, because \(Self.whyLimits)")
        }
    }

    static let whyLimits = "every task is a cache entry, a record file, a line of `repro status` and a Slurm array element, "
        + "and the whole graph is built in memory before anything runs (a study of a few cores needs far fewer)"

    /// Tasks and upstream references of the whole graph, from the definitions (the graph is not
    /// built: that is what could exhaust memory). Assumes every stage is within the per-stage limit.
    mutating func checkSize(_ stages: [StageDefinition]) {
        let byName = Dictionary(uniqueKeysWithValues: stages.map { ($0.name, $0) })
        let tasks = stages.reduce(0) { $0 + ($1.fanOut.count ?? 1) }
        if tasks > TaskGraph.maxTasks, let big = stages.max(by: { ($0.fanOut.count ?? 1) < ($1.fanOut.count ?? 1) }) {
            errors.add(fanOutSources[big.name] ?? ["stage", big.name],
                       "\(tasks) tasks in total (\(big.fanOut.count ?? 1) of them in stage '\(big.name)'): the limit is "
                       + "\(TaskGraph.maxTasks) tasks, because \(Self.whyLimits)")
        }
        var references: [(path: [String], count: Int, text: String)] = []
        for s in stages {
            let n = s.fanOut.count ?? 1
            for (input, ref) in s.inputs.sorted(by: { $0.key < $1.key }) {
                guard let up = byName[ref.stage] else { continue }
                let perTask = TaskGraph.inputCount(ref, of: s, from: up)
                references.append((["stage", s.name, "inputs", input], n * perTask,
                                   "each of the \(n) tasks of '\(s.name)' reads \(perTask) of '\(up.name)'"))
            }
        }
        let total = references.reduce(0) { $0 + $1.count }
        if total > TaskGraph.maxInputReferences, let big = references.max(by: { $0.count < $1.count }) {
            errors.add(big.path, "\(total) input references in total (\(big.text)): the limit is \(TaskGraph.maxInputReferences), "
                       + "because every reference is an upstream cache key hashed into the task's key and held in memory")
        }
    }

    /// An expectation's quantity (and its `.sem` for a `sem` tolerance) must be a value the join
    /// declares; otherwise it could only be found missing after every task ran.
    mutating func checkQuantity(_ e: Expectation, path: [String]) {
        guard let keys = valueKeys else { return }
        guard keys.contains(e.quantity) else {
            let hint = keys.suggestion(for: e.quantity).map { "; did you mean '\($0)'?" } ?? ""
            errors.add(path + ["quantity"], "no stage or report value provides '\(e.quantity)'\(hint)")
            return
        }
        if case .standardErrors = e.tolerance, !keys.contains(e.quantity + ".sem") {
            errors.add(path + ["tolerance_mode"], "\"sem\" needs the standard error '\(e.quantity).sem', which no value provides; "
                       + "use tolerance_mode = \"absolute\" or \"relative\"")
        }
    }
}
