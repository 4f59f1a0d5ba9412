/// The validated parameters of one task, with typed accessors for stage functions.
/// Validation has already filled defaults and widened ints to doubles where the schema asks
/// for a double, so the accessors trap only on programming errors (asking for an undeclared field).
import Foundation

/// Canonical parameters of a task: field name → value.
public struct Parameters: Sendable, Hashable, CustomStringConvertible {
    public var values: [String: ParameterValue]

    public init(_ values: [String: ParameterValue] = [:]) { self.values = values }

    public subscript(name: String) -> ParameterValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    public func int(_ name: String) -> Int {
        guard let v = values[name]?.intValue else { preconditionFailure("parameter '\(name)' is not an int: \(String(describing: values[name]))") }
        return v
    }

    public func double(_ name: String) -> Double {
        guard let v = values[name]?.doubleValue else { preconditionFailure("parameter '\(name)' is not a number: \(String(describing: values[name]))") }
        return v
    }

    public func string(_ name: String) -> String {
        guard let v = values[name]?.stringValue else { preconditionFailure("parameter '\(name)' is not a string: \(String(describing: values[name]))") }
        return v
    }

    public func bool(_ name: String) -> Bool {
        guard let v = values[name]?.boolValue else { preconditionFailure("parameter '\(name)' is not a bool: \(String(describing: values[name]))") }
        return v
    }

    public func list(_ name: String) -> [ParameterValue] {
        guard let v = values[name]?.listValue else { preconditionFailure("parameter '\(name)' is not a list: \(String(describing: values[name]))") }
        return v
    }

    public func doubles(_ name: String) -> [Double] { list(name).map { $0.doubleValue! } }
    public func ints(_ name: String) -> [Int] { list(name).map { $0.intValue! } }

    /// Sorted-key JSON; the form hashed into cache keys.
    public var canonicalJSON: String { ParameterValue.table(values).canonicalJSON }

    public var description: String { ParameterValue.table(values).description }
}
