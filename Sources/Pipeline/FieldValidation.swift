/// Checks one value against its `FieldSpec`: type (ints widen to doubles), range, allowed values.
/// Returns the normalized value or a message that names what was expected.
import Foundation

extension FieldSpec {
    /// The normalized value, or a message like "expected double, got string".
    func validate(_ value: ParameterValue) -> Result<ParameterValue, FieldMessage> {
        Self.check(value, type: type, spec: self)
    }

    /// Validates an element of a list-valued parameter that a stage fans out over (`foreach`).
    func validateElement(_ value: ParameterValue) -> Result<ParameterValue, FieldMessage> {
        if case .list(let inner) = type { return Self.check(value, type: inner, spec: self) }
        return Self.check(value, type: type, spec: self)
    }

    private static func check(_ value: ParameterValue, type: FieldType, spec: FieldSpec) -> Result<ParameterValue, FieldMessage> {
        let normalized: ParameterValue
        switch (type, value) {
        case (.int, .int), (.string, .string), (.bool, .bool), (.double, .double):
            normalized = value
        case (.double, .int(let i)):
            normalized = .double(Double(i))
        case (.list(let inner), .list(let items)):
            var out: [ParameterValue] = []
            for (i, item) in items.enumerated() {
                switch check(item, type: inner, spec: spec) {
                case .success(let v): out.append(v)
                case .failure(let m): return .failure(FieldMessage("element \(i): \(m.text)"))
                }
            }
            return .success(.list(out))
        case (.table(let inner), .table(let items)):
            var out: [String: ParameterValue] = [:]
            for (k, item) in items.sorted(by: { $0.key < $1.key }) {
                switch check(item, type: inner, spec: spec) {
                case .success(let v): out[k] = v
                case .failure(let m): return .failure(FieldMessage("\(k): \(m.text)"))
                }
            }
            return .success(.table(out))
        default:
            return .failure(FieldMessage("expected \(type), got \(value.typeName) \(value)"))
        }
        // inf and nan pass every range check below, and then fail (or hang) a task much later.
        if case .double(let x) = normalized, !x.isFinite {
            return .failure(FieldMessage("\(value) not allowed: expected a finite number"))
        }
        if let x = normalized.doubleValue {
            if let lo = spec.minimum, spec.minimumExclusive ? !(x > lo) : !(x >= lo) {
                return .failure(FieldMessage("\(value) out of range: must be \(spec.rangeText)"))
            }
            if let hi = spec.maximum, spec.maximumExclusive ? !(x < hi) : !(x <= hi) {
                return .failure(FieldMessage("\(value) out of range: must be \(spec.rangeText)"))
            }
        }
        if let allowed = spec.allowed, !allowed.contains(where: { sameValue($0, normalized) }) {
            return .failure(FieldMessage("\(value) not allowed; allowed values: \(allowed.map(\.description).joined(separator: ", "))"))
        }
        return .success(normalized)
    }
}

/// Equality that treats 1 and 1.0 as the same number (stored JSON may lose the distinction).
func sameValue(_ a: ParameterValue, _ b: ParameterValue) -> Bool {
    switch (a, b) {
    case (.list(let x), .list(let y)):
        return x.count == y.count && zip(x, y).allSatisfy { sameValue($0, $1) }
    case (.table(let x), .table(let y)):
        return x.keys.sorted() == y.keys.sorted() && x.allSatisfy { k, v in sameValue(v, y[k]!) }
    default:
        if let p = a.doubleValue, let q = b.doubleValue { return p == q }
        return a == b
    }
}

/// A validation message (wrapped so it can travel in a `Result`).
public struct FieldMessage: Error, CustomStringConvertible {
    public var text: String
    public init(_ text: String) { self.text = text }
    public var description: String { text }
}

extension FieldSpec {
    /// `value` checked as the manifest checks this field (type, range, allowed values), for
    /// another front end such as a command-line option; the issue's message is the manifest's.
    public func check(_ value: ParameterValue) throws -> ParameterValue {
        switch validate(value) {
        case .success(let v): return v
        case .failure(let m): throw FieldIssue(field: name, m.text)
        }
    }
}
