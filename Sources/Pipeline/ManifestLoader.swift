/// Reads a TOML manifest, applies the selected profile (deep merge over the base), validates
/// every stage against the schemas in the registry and every expectation, and checks the
/// stage graph (missing stages and inputs, fan-out matching, cycles). All errors are collected.
import Foundation
import TOMLKit

extension Manifest {
    /// Loads and validates `url` for `profile` (nil = base only). Throws `ManifestErrors`.
    public static func load(url: URL, profile: String?, registry: StageRegistry) throws -> Manifest {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw ManifestErrors(errors: [ManifestError(file: url.path, line: nil, field: "(file)", message: "cannot read: \(error.localizedDescription)")])
        }
        var m = try parse(text: text, file: url.path, profile: profile, registry: registry)
        m.file = url
        return m
    }

    /// Parses manifest `text`; `file` is only used in messages.
    public static func parse(text: String, file: String, profile: String?, registry: StageRegistry) throws -> Manifest {
        let doc: [String: ParameterValue]
        do {
            doc = TOMLConversion.table(try TOMLTable(string: text))
        } catch let e as TOMLParseError {
            throw ManifestErrors(errors: [ManifestError(file: file, line: e.source.begin.line, field: "(syntax)", message: e.description)])
        }
        var loader = ManifestLoader(doc: doc, profile: profile, registry: registry,
                                    errors: ErrorCollector(file: file, map: SourceMap(text: text)), reference: registry.reference)
        let manifest = loader.load()
        if !loader.errors.errors.isEmpty { throw ManifestErrors(errors: loader.errors.errors) }
        return manifest
    }
}

/// A value with the dotted path of the table where it was last set (for error lines).
struct Sourced {
    var value: ParameterValue
    var path: [String]
}

struct ManifestLoader {
    let doc: [String: ParameterValue]
    let profile: String?
    let registry: StageRegistry
    var errors: ErrorCollector
    /// Stage → field → dotted path where the value was set (locates the join's checks).
    var origins: [String: [String: [String]]] = [:]
    /// Stage → path of the value that sets its task count (locates fan-out limits).
    var fanOutSources: [String: [String]] = [:]
    /// Value keys known to the study: the registry's and those its stages declare.
    var valueKeys: ValueKeySet?
    /// The registry's reference values, with the manifest's `[reference]` prefix and label.
    var reference: ReferenceValues
    /// Fan-out counts beyond `TaskGraph.maxTasksPerStage`, by the path of the count.
    var oversized: [String: (path: [String], count: Int, stages: [String])] = [:]

    static let topKeys: Set<String> = ["base", "profiles", "stage", "expectation", "executor", "reference"]
    static let stageKeys: Set<String> = ["kind", "inputs", "replicas", "foreach", "seed_from", "profiles", "description"]
    static let profileReserved: Set<String> = ["stage", "executor", "description"]

    mutating func load() -> Manifest {
        for k in doc.keys.sorted() where !Self.topKeys.contains(k) {
            errors.add([k], "unknown top-level key; allowed: \(Self.topKeys.sorted().joined(separator: ", "))")
        }
        let profiles = table(doc["profiles"], ["profiles"])
        checkNames(profiles: profiles)
        var profileTable: [String: ParameterValue] = [:]
        if let p = profile {
            if let t = profiles[p] { profileTable = table(t, ["profiles", p]) } else if Manifest.isValidName(p) {
                errors.add(["profiles"], "unknown profile '\(p)'; declared: \(profiles.keys.sorted().joined(separator: ", "))")
            }
        }
        // Base parameters with the profile's global overrides.
        var base: [String: Sourced] = [:]
        for (k, v) in table(doc["base"], ["base"]) { base[k] = Sourced(value: v, path: ["base", k]) }
        for (k, v) in profileTable where !Self.profileReserved.contains(k) {
            base[k] = Sourced(value: deepMerge(base[k]?.value, v), path: ["profiles", profile!, k])
        }
        var seed: UInt64 = 1
        if let s = base.removeValue(forKey: "seed") {
            if let i = s.value.intValue, i >= 0 { seed = UInt64(i) } else { errors.add(s.path, "expected int ≥ 0, got \(s.value)") }
        }
        var executor = table(doc["executor"], ["executor"])
        var executorPaths = Dictionary(uniqueKeysWithValues: executor.keys.map { ($0, ["executor", $0]) })
        for (k, v) in table(profileTable["executor"], ["profiles", profile ?? "", "executor"]) {
            executor[k] = deepMerge(executor[k], v)
            executorPaths[k] = ["profiles", profile ?? "", "executor", k]
        }
        checkExecutor(executor, paths: executorPaths)

        let stageTables = table(doc["stage"], ["stage"])
        let overrides = table(profileTable["stage"], ["profiles", profile ?? "", "stage"])
        for name in overrides.keys.sorted() where stageTables[name] == nil {
            errors.add(["profiles", profile!, "stage", name], "profile overrides missing stage '\(name)'")
        }
        var stages: [StageDefinition] = []
        var usedBaseKeys: Set<String> = []
        for name in stageTables.keys.sorted() {
            var merged: [String: Sourced] = [:]
            for (k, v) in table(stageTables[name], ["stage", name]) { merged[k] = Sourced(value: v, path: ["stage", name, k]) }
            for (k, v) in table(overrides[name], ["profiles", profile ?? "", "stage", name]) {
                merged[k] = Sourced(value: deepMerge(merged[k]?.value, v), path: ["profiles", profile!, "stage", name, k])
            }
            if let only = merged["profiles"] {
                guard let l = only.value.listValue, l.allSatisfy({ $0.stringValue != nil }) else {
                    errors.add(only.path, "expected list of profile names, got \(only.value)"); continue
                }
                for p in l.compactMap(\.stringValue) where profiles[p] == nil {
                    errors.add(only.path, "unknown profile '\(p)'; declared: \(profiles.keys.sorted().joined(separator: ", "))")
                }
                if !l.contains(where: { $0.stringValue == profile }) { continue }
            }
            if let s = stage(name, merged, base: base, used: &usedBaseKeys) { stages.append(s) }
        }
        for (k, s) in base.sorted(by: { $0.key < $1.key }) where !usedBaseKeys.contains(k) {
            errors.add(s.path, "unknown key: no stage of profile '\(profile ?? "base")' reads '\(k)' from the base")
        }
        reportOversized()
        checkGraph(stages)
        if oversized.isEmpty { checkSize(stages) }
        if errors.errors.isEmpty {
            var byName: [String: Parameters] = [:]
            for s in stages { byName[s.name] = s.parameters }
            // Located where the field was set: stage, profile override or base.
            func locate(_ i: ManifestIssue) -> [String] { origins[i.stage]?[i.field] ?? ["stage", i.stage, i.field] }
            for check in registry.manifestChecks {
                for issue in check(byName) { errors.add(locate(issue), issue.message) }
            }
            for check in registry.graphChecks {
                for issue in check(stages) { errors.add(locate(issue), issue.message) }
            }
        }
        valueKeys = Self.valueKeys(registry: registry, stages: stages)
        readReference()
        let expectations = parseExpectations(profiles: Set(profiles.keys))
        return Manifest(file: nil, profile: profile, profiles: profiles.keys.sorted(), seed: seed,
                        base: Parameters(base.mapValues(\.value)), stages: stages,
                        expectations: expectations.filter { $0.applies(to: profile) }.map { $0.resolved(for: profile) },
                        declaredExpectationNames: Set(expectations.map(\.name)), executor: executor,
                        valueKeys: valueKeys, reference: reference)
    }

    /// Validates one stage, recording errors; nil only when its kind is unknown.
    mutating func stage(_ name: String, _ t: [String: Sourced], base: [String: Sourced], used: inout Set<String>) -> StageDefinition? {
        let before = errors.errors.count
        let kindName: String
        if let k = t["kind"] {
            guard let s = k.value.stringValue else { errors.add(k.path, "expected string, got \(k.value)"); return nil }
            kindName = s
        } else {
            kindName = name
        }
        guard let kind = registry[kindName] else {
            errors.add(t["kind"]?.path ?? ["stage", name, "kind"],
                       "unknown stage kind '\(kindName)'; registered: \(registry.kinds.keys.sorted().joined(separator: ", "))")
            return nil
        }
        for k in t.keys.sorted() where !Self.stageKeys.contains(k) && kind.field(k) == nil {
            errors.add(t[k]!.path, "unknown key for stage kind '\(kindName)'; fields: \(kind.fields.map(\.name).joined(separator: ", "))")
        }
        // foreach: the named field holds a list; each task gets one element.
        var foreachField: String? = nil
        if let f = t["foreach"] {
            if let s = f.value.stringValue, kind.field(s) != nil { foreachField = s } else {
                errors.add(f.path, "expected the name of a field of '\(kindName)', got \(f.value)")
            }
        }
        var params: [String: ParameterValue] = [:]
        var origin: [String: [String]] = [:]
        // In a foreach stage, a scalar field given as a list holds one value per task.
        var perTask: [String: [ParameterValue]] = [:]
        for spec in kind.fields {
            let source: Sourced?
            if let s = t[spec.name] { source = s } else if let b = base[spec.name] { source = b; used.insert(spec.name) } else { source = nil }
            guard let source else {
                if let d = spec.defaultValue { params[spec.name] = d } else {
                    errors.add(["stage", name, spec.name], "missing required field (\(spec.type)\(spec.help.isEmpty ? "" : ": " + spec.help))")
                }
                continue
            }
            origin[spec.name] = source.path
            // Elements of a fanned-out list, each validated; nil when any is invalid.
            func elements(_ items: [ParameterValue]) -> [ParameterValue]? {
                var out: [ParameterValue] = []
                for (i, item) in items.enumerated() {
                    switch spec.validateElement(item) {
                    case .success(let v): out.append(v)
                    case .failure(let m): errors.add(source.path, "element \(i): \(m.text)")
                    }
                }
                return out.count == items.count ? out : nil
            }
            if spec.name == foreachField {
                guard let items = source.value.listValue, !items.isEmpty else {
                    errors.add(source.path, "foreach needs a non-empty list, got \(source.value)"); continue
                }
                params[spec.name] = elements(items).map { .list($0) }
            } else if foreachField != nil, !spec.type.isList, let items = source.value.listValue {
                // Counted against the foreach list only when every element is valid.
                if let out = elements(items) { perTask[spec.name] = out; params[spec.name] = .list(out) }
            } else {
                switch spec.validate(source.value) {
                case .success(let v): params[spec.name] = v
                case .failure(let m): errors.add(source.path, m.text)
                }
            }
        }
        origins[name] = origin
        var fanOut = FanOut.single
        // With foreach, replicas may give one count per element (a list): a two-level fan-out.
        var replicaCounts: [Int]? = nil, replicasScalar = false
        var replicaPath: [String] = []
        if let r = t["replicas"] {
            var count: ParameterValue? = nil
            var countPath = r.path
            switch r.value {
            case .int, .list: count = r.value
            case .string(let key):
                count = params[key] ?? base[key]?.value
                if count != nil { used.insert(key) }
                // The line to show is where the number is, not where it is named.
                countPath = params[key] != nil ? origin[key] ?? r.path : base[key]?.path ?? r.path
                if count?.intValue == nil && (foreachField == nil || count?.listValue == nil) {
                    errors.add(r.path, "replicas = \"\(key)\" must name an int parameter of the stage or the base\(foreachField == nil ? "" : " (or a list of ints, one per element)")")
                    count = nil
                }
            default: break
            }
            let counts: [Int]?
            if let n = count?.intValue { counts = [n]; replicasScalar = true } else if foreachField != nil, let l = count?.listValue {
                counts = l.allSatisfy({ $0.intValue != nil }) ? l.compactMap(\.intValue) : nil
                if counts == nil { errors.add(countPath, "expected a list of ints (replicas per element), got \(count!)") }
            } else {
                counts = nil
                if r.value.stringValue == nil {
                    errors.add(r.path, "expected an int or the name of an int parameter\(foreachField == nil ? "" : " (with foreach: or a list of ints, one per element)"), got \(r.value)")
                }
            }
            if let counts {
                if let bad = counts.first(where: { $0 < 1 }) { errors.add(countPath, "\(bad) out of range: must be ≥ 1") } else if foreachField == nil {
                    fanOut = .replicas(counts[0])
                    fanOutSources[name] = countPath
                    limitFanOut(name, count: counts[0], path: countPath)
                } else {
                    replicaCounts = counts
                }
                replicaPath = countPath
            }
        }
        if let f = foreachField, let items = params[f]?.listValue {
            for (name, values) in perTask.sorted(by: { $0.key < $1.key }) where values.count != items.count {
                errors.add(origin[name] ?? ["stage", name], "one value per element of \(f) expected: \(items.count) (\(f) = \(ParameterValue.list(items))), got \(values.count)")
            }
            if let c = replicaCounts, !replicasScalar, c.count != items.count {
                errors.add(replicaPath, "one count of replicas per element of \(f) expected: \(items.count) (\(f) = \(ParameterValue.list(items))), got \(c.count)")
                replicaCounts = nil
            }
            let per = replicaCounts.map { replicasScalar ? Array(repeating: $0[0], count: items.count) : $0 }
            fanOut = .foreach(field: f, values: items, perTask: perTask, replicas: per)
            fanOutSources[name] = per != nil ? replicaPath : origin[f] ?? ["stage", name, f]
            limitFanOut(name, count: fanOut.count ?? items.count, path: fanOutSources[name]!)
        }
        var seedFrom: String? = nil
        if let sf = t["seed_from"] {
            if let v = sf.value.stringValue, Manifest.isValidName(v) { seedFrom = v } else {
                errors.add(sf.path, "expected a stage name (\(Manifest.nameRule("stage"))), got \(sf.value)")
            }
        }

        var inputs: [String: InputReference] = [:]
        if let inp = t["inputs"] {
            if let it = inp.value.tableValue {
                for (k, v) in it.sorted(by: { $0.key < $1.key }) {
                    let path = inp.path + [k]
                    guard kind.acceptsAnyInput ? Manifest.isValidName(k) : kind.inputs.contains(where: { $0.name == k }) else {
                        if kind.acceptsAnyInput { errors.add(path, CommandStage.nameRule("an input", placeholder: "input")); continue }
                        errors.add(path, "unknown input for stage kind '\(kindName)'; inputs: \(kind.inputs.map(\.name).joined(separator: ", "))"); continue
                    }
                    guard let s = v.stringValue, let ref = Self.reference(s) else {
                        errors.add(path, "expected \"stage\", \"stage[*]\", \"stage[i]\" or \"stage[*,j]\", got \(v)"); continue
                    }
                    inputs[k] = ref
                }
            } else {
                errors.add(inp.path, "expected a table of input name = \"stage\", got \(inp.value)")
            }
        }
        for spec in kind.inputs where spec.required && inputs[spec.name] == nil {
            errors.add(["stage", name, "inputs", spec.name], "missing required input '\(spec.name)'")
        }
        // With errors, still return the stage so graph checks (missing stages, cycles) run too.
        let definition = StageDefinition(name: name, kind: kindName, parameters: Parameters(params), inputs: inputs, fanOut: fanOut, seedFrom: seedFrom)
        guard errors.errors.count == before else { return definition }
        // Cross-field checks run on each task's parameters (each element for foreach).
        let variants: [Parameters]
        if case .foreach(_, let items, let perTask, _) = fanOut {
            let elements = FanOut.foreach(field: foreachField!, values: items, perTask: perTask, replicas: nil)
            variants = items.indices.map { elements.parameters(Parameters(params), task: $0) }
        } else {
            variants = [Parameters(params)]
        }
        var seen: Set<String> = []
        for p in variants {
            for check in kind.checks {
                for issue in check(p) where seen.insert(issue.description).inserted {
                    errors.add(origin[issue.field] ?? ["stage", name, issue.field], issue.message)
                }
            }
        }
        return definition
    }

    /// "eq" / "eq[*]" / "eq[3]" / "eq[*,0]".
    static func reference(_ s: String) -> InputReference? {
        guard let open = s.firstIndex(of: "[") else { return s.isEmpty ? nil : InputReference(stage: s, selector: .automatic) }
        guard s.hasSuffix("]") else { return nil }
        let stage = String(s[..<open])
        let inner = s[s.index(after: open)..<s.index(before: s.endIndex)]
        if inner == "*" { return InputReference(stage: stage, selector: .all) }
        if inner.hasPrefix("*,") {
            guard let j = Int(inner.dropFirst(2).trimmingCharacters(in: .whitespaces)), j >= 0, !stage.isEmpty else { return nil }
            return InputReference(stage: stage, selector: .replica(j))
        }
        guard let i = Int(inner), i >= 0, !stage.isEmpty else { return nil }
        return InputReference(stage: stage, selector: .index(i))
    }

    /// Missing upstream stages, index and fan-out matching, cycles.
    mutating func checkGraph(_ stages: [StageDefinition]) {
        let byName = Dictionary(uniqueKeysWithValues: stages.map { ($0.name, $0) })
        for s in stages {
            for (input, ref) in s.inputs.sorted(by: { $0.key < $1.key }) {
                let path = ["stage", s.name, "inputs", input]
                guard let up = byName[ref.stage] else {
                    let exists = (doc["stage"]?.tableValue?[ref.stage]) != nil
                    errors.add(path, exists ? "stage '\(ref.stage)' is not part of profile '\(profile ?? "base")'" : "missing stage '\(ref.stage)'")
                    continue
                }
                switch ref.selector {
                case .index(let i):
                    guard let n = up.fanOut.count, i < n else {
                        errors.add(path, "index \(i) out of range: '\(up.name)' has \(up.fanOut.count.map { "\($0) tasks" } ?? "no fan-out")"); continue
                    }
                case .automatic:
                    if let e = s.fanOut.elementCount, e == up.fanOut.elementCount {
                        checkElements(s, up, path: path)
                        if s.fanOut.isTwoLevel, up.fanOut.isTwoLevel, s.fanOut.replicasPerElement != up.fanOut.replicasPerElement {
                            errors.add(path, "'\(up.name)' has \(up.fanOut.replicasPerElement!) replicas per element but '\(s.name)' has \(s.fanOut.replicasPerElement!): matching replicas needs equal counts")
                        }
                    } else if let n = up.fanOut.count, let m = s.fanOut.count, n != m {
                        errors.add(path, "'\(up.name)' has \(n) tasks but '\(s.name)' has \(m): match indices needs equal counts; use \"\(up.name)[*]\" to gather all")
                    }
                case .replica(let j):
                    guard up.fanOut.isTwoLevel, let per = up.fanOut.replicasPerElement, j < per.min()! else {
                        errors.add(path, "replica \(j) out of range: '\(up.name)' \(up.fanOut.isTwoLevel ? "has \(up.fanOut.replicasPerElement!.min()!) replicas in some element" : "has no replicas per foreach element")"); continue
                    }
                    if s.fanOut.elementCount == up.fanOut.elementCount { checkElements(s, up, path: path) }
                case .all: break
                }
            }
        }
        // Cycles: depth-first search in name order, reporting each cycle once.
        var state: [String: Int] = [:]  // 1 = on stack, 2 = done
        var stack: [String] = []
        func visit(_ n: String) {
            state[n] = 1
            stack.append(n)
            for (input, ref) in (byName[n]?.inputs ?? [:]).sorted(by: { $0.key < $1.key }) where byName[ref.stage] != nil {
                if state[ref.stage] == 1 {
                    let cycle = stack[stack.firstIndex(of: ref.stage)!...] + [ref.stage]
                    errors.add(["stage", n, "inputs", input], "cycle: \(cycle.joined(separator: " → "))")
                } else if state[ref.stage] == nil {
                    visit(ref.stage)
                }
            }
            stack.removeLast()
            state[n] = 2
        }
        for s in stages where state[s.name] == nil { visit(s.name) }
    }

    /// Stages matched element by element must fan out over the same values when their `foreach`
    /// fields share a name (a point's τα must come from its own temperature).
    mutating func checkElements(_ s: StageDefinition, _ up: StageDefinition, path: [String]) {
        guard case .foreach(let f, let v, _, _) = s.fanOut, case .foreach(let g, let w, _, _) = up.fanOut, f == g, v != w else { return }
        errors.add(path, "'\(up.name)' fans out over \(g) = \(ParameterValue.list(w)) but '\(s.name)' over \(ParameterValue.list(v)): matching by element needs the same values")
    }

    mutating func parseExpectations(profiles: Set<String>) -> [Expectation] {
        guard let raw = doc["expectation"] else { return [] }
        guard let list = raw.listValue else { errors.add(["expectation"], "expected [[expectation]] tables"); return [] }
        var out: [Expectation] = []
        var names: [String: Int] = [:]
        for (i, item) in list.enumerated() {
            let path = ["expectation[\(i)]"]
            guard let t = item.tableValue else { errors.add(path, "expected a table"); continue }
            guard let e = Expectation.parse(t, path: path, line: errors.map.line(of: path), reference: reference, errors: &errors) else { continue }
            checkQuantity(e, path: path)
            checkReferenceKey(e, path: path)
            for p in e.profiles ?? [] where !profiles.contains(p) {
                errors.add(path + ["profiles"], "unknown profile '\(p)'; declared: \(profiles.sorted().joined(separator: ", "))")
            }
            for p in (e.knownDeviations ?? [:]).keys.sorted() {
                if !profiles.contains(p) {
                    errors.add(path + ["known_deviation", p], "unknown profile '\(p)'; declared: \(profiles.sorted().joined(separator: ", "))")
                } else if !e.applies(to: p) {
                    errors.add(path + ["known_deviation", p], "profile '\(p)' is not in this expectation's profiles (\((e.profiles ?? []).joined(separator: ", ")))")
                }
            }
            if e.applies(to: profile) {
                if names[e.name] != nil { errors.add(path + ["name"], "duplicate expectation '\(e.name)' in profile '\(profile ?? "base")'") }
                names[e.name] = i
            }
            out.append(e)
        }
        return out
    }

    /// An expectation's `reference` must name a declared reference value, like its quantity.
    mutating func checkReferenceKey(_ e: Expectation, path: [String]) {
        guard let key = e.reference, let keys = valueKeys, !keys.contains(key) else { return }
        let hint = keys.suggestion(for: key).map { "; did you mean '\($0)'?" } ?? ""
        errors.add(path + ["reference"], "no \(reference.label.lowercased()) value '\(key)' is provided by the study\(hint)")
    }

    /// The registry's keys and `<stage>.<key>` for each value a stage declares; nil when neither.
    static func valueKeys(registry: StageRegistry, stages: [StageDefinition]) -> ValueKeySet? {
        let declared = stages.flatMap { s in registry[s.kind].map { $0.providedValues(s.parameters).map { s.name + "." + $0 } } ?? [] }
        guard registry.valueKeys != nil || !declared.isEmpty else { return nil }
        return ValueKeySet(keys: (registry.valueKeys?.keys ?? []) + declared)
    }

    /// `[reference]`: `prefix` (of the value keys an expectation's `reference` may name) and `label`
    /// (the summary table's column header), over the registry's.
    mutating func readReference() {
        for (k, v) in table(doc["reference"], ["reference"]).sorted(by: { $0.key < $1.key }) {
            switch (k, v.stringValue) {
            case ("prefix", let s?) where !s.isEmpty && !s.contains(" "): reference.prefix = s
            case ("label", let s?) where !s.isEmpty: reference.label = s
            case ("prefix", _), ("label", _):
                errors.add(["reference", k], "expected a non-empty string\(k == "prefix" ? " without spaces, e.g. \"truth.\"" : ""), got \(v.typeName) \(v)")
            default: errors.add(["reference", k], "unknown key; allowed: label, prefix")
            }
        }
    }

    /// A table at `path`, or an error and an empty table when it is something else.
    mutating func table(_ v: ParameterValue?, _ path: [String]) -> [String: ParameterValue] {
        guard let v else { return [:] }
        guard let t = v.tableValue else { errors.add(path, "expected a table, got \(v.typeName) \(v)"); return [:] }
        return t
    }
}

/// Tables merge key by key (recursively); anything else is replaced by the override.
func deepMerge(_ base: ParameterValue?, _ override: ParameterValue) -> ParameterValue {
    guard case .table(var b)? = base, case .table(let o) = override else { return override }
    for (k, v) in o { b[k] = deepMerge(b[k], v) }
    return .table(b)
}
