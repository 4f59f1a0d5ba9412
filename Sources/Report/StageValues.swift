/// The values the graph's stages declare (`StageKind.providedValues`), for the report: each
/// task's values file read with `CommandValues.read`, keyed `<stage>.<key>`.
import Foundation
import Pipeline

public enum StageValues {
    /// Every declared value of the graph's tasks in `store`, as `<stage>.<key>`; tasks without an
    /// intact entry are skipped (their keys are then missing from the report).
    public static func collect(graph: TaskGraph, store: Store) throws -> ValueStore {
        var values = ValueStore()
        for node in graph.tasks {
            let keys = node.kind.providedValues(node.parameters)
            guard let file = node.kind.valuesFile, !keys.isEmpty, store.metadata(node.key) != nil else { continue }
            for (k, v) in try CommandValues.read(store.filesDirectory(node.key).appendingPathComponent(file), keys: keys) {
                values[node.id.stage + "." + k] = ReportValue(v)
            }
        }
        return values
    }
}

extension ReportValue {
    /// A declared value as the report stores it; a bool is the text "true" or "false".
    init(_ v: ParameterValue) {
        switch v {
        case .int(let i): self = .integer(i)
        case .double(let x): self = .number(x)
        case .bool(let b): self = .text(b ? "true" : "false")
        default: self = .text(v.stringValue ?? v.description)
        }
    }
}
