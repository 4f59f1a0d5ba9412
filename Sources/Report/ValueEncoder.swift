/// One path from a typed summary to the report's value keys: a flattening `Encoder` that walks any
/// Codable value and emits `a.b.c` → number, integer, text or table, the path being its coding
/// keys. The keys a value can ever set come from the same encoding, of a prototype (see
/// PrototypeDecoder.swift), so a manifest or template naming a key nothing sets is refused early.
///
/// Rules: a coding key becomes snake_case (`tauAlpha` → `tau_alpha`, `speciesOrderSML` →
/// `species_order_s_m_l`; digits stay with their word: `dropShareByD10` → `drop_share_by_d10`).
/// A type renames its keys with `ValueKeyed`. Arrays are not values (curves, records), except
/// arrays of `ValueKeyedElement`s, each under its own key. Optional fields that are nil set nothing.
import Foundation
import Pipeline

/// A type whose value keys are not its coding keys in snake_case.
public protocol ValueKeyed {
    /// Coding key → value key: a dotted path, "" for the parent's own key (the fields join the
    /// parent, or a single field is the parent's value), or nil to leave the field out.
    static var valueKeyNames: [String: String?] { get }
}

/// An array element quoted under a name of its own (a descriptor's stem) rather than an index.
public protocol ValueKeyedElement {
    var valueKey: String { get }
    /// How many distinct keys elements can have: the prototype holds that many.
    static var valueKeyCount: Int { get }
}

/// A value quoted as one report value (an enum as its symbol) rather than by its coding.
public protocol ReportValueConvertible {
    var reportValue: ReportValue { get }
}

/// Values computed from a type's fields (extremes, tables) quoted beside them, under the same key.
public protocol DerivedValues {
    associatedtype Derived: Codable
    var derivedValues: Derived { get }
}

public enum ValueEncoding {
    /// The key → value map of `value`, every key under `prefix` ("" or ending in ".").
    public static func values<T: Encodable>(of value: T, prefix: String = "") throws -> [String: ReportValue] {
        let encoder = FlatEncoder(path: String(prefix.dropLast(prefix.hasSuffix(".") ? 1 : 0)), names: [:], prototype: false)
        try encoder.put(value, at: encoder.path)
        return encoder.storage.values
    }

    /// Every key a value of type `T` can set: those of its prototype, in which every optional is
    /// present and every keyed array holds each key (PrototypeDecoder).
    public static func keys<T: Codable>(of type: T.Type, prefix: String = "") throws -> Set<String> {
        let encoder = FlatEncoder(path: String(prefix.dropLast(prefix.hasSuffix(".") ? 1 : 0)), names: [:], prototype: true)
        try encoder.put(try PrototypeDecoder().make(T.self), at: encoder.path)
        return Set(encoder.storage.values.keys)
    }

    /// `tauAlpha` → `tau_alpha`.
    static func snakeCase(_ name: String) -> String {
        var out = ""
        for c in name {
            if c.isUppercase, !out.isEmpty { out.append("_") }
            out.append(contentsOf: c.lowercased())
        }
        return out
    }
}

private protocol AnyArray { var anyElements: [Any] { get } }
extension Array: AnyArray { var anyElements: [Any] { self } }

private final class Storage { var values: [String: ReportValue] = [:] }

private final class FlatEncoder: Encoder {
    let path: String
    let names: [String: String?]
    let prototype: Bool
    let storage: Storage
    var codingPath: [CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(path: String, names: [String: String?], prototype: Bool, storage: Storage = Storage()) {
        self.path = path; self.names = names; self.prototype = prototype; self.storage = storage
    }

    static func join(_ a: String, _ b: String) -> String { a.isEmpty ? b : b.isEmpty ? a : a + "." + b }

    /// The key of a field, or nil when its type leaves it out.
    func key(_ codingKey: String) -> String? {
        if let name = names[codingKey] { return name.map { Self.join(path, $0) } }
        return Self.join(path, ValueEncoding.snakeCase(codingKey))
    }

    func put<T: Encodable>(_ value: T, at path: String) throws {
        switch value {
        case let v as ReportValueConvertible: storage.values[path] = v.reportValue
        case let t as ReportTable: storage.values[path] = .table(t)
        case let x as Double: storage.values[path] = .number(x)
        case let i as any BinaryInteger: storage.values[path] = Self.integer(i)
        case let f as Float: storage.values[path] = .number(Double(f))
        case let s as String: storage.values[path] = .text(s)
        case let b as Bool: storage.values[path] = .integer(b ? 1 : 0)
        case let a as AnyArray:
            for case let e as (ValueKeyedElement & Encodable) in a.anyElements { try put(e, at: Self.join(path, e.valueKey)) }
        default:
            let names = (T.self as? ValueKeyed.Type)?.valueKeyNames ?? [:]
            try value.encode(to: FlatEncoder(path: path, names: names, prototype: prototype, storage: storage))
            if let d = value as? any DerivedValues { try putDerived(d, at: path) }
        }
    }

    private static func integer<I: BinaryInteger>(_ i: I) -> ReportValue { Int(exactly: i).map { .integer($0) } ?? .number(Double(i)) }

    private func putDerived<D: DerivedValues>(_ d: D, at path: String) throws {
        try put(prototype ? try PrototypeDecoder().make(D.Derived.self) : d.derivedValues, at: path)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(FlatKeyedContainer<Key>(encoder: self))
    }
    func unkeyedContainer() -> UnkeyedEncodingContainer { IgnoredUnkeyedContainer() }
    func singleValueContainer() -> SingleValueEncodingContainer { FlatSingleContainer(encoder: self) }
}

/// Its generic `encode` serves every type: `put` stores numbers, strings and booleans itself.
private struct FlatKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: FlatEncoder
    var codingPath: [CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {}
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        if let path = encoder.key(key.stringValue) { try encoder.put(value, at: path) }
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let path = encoder.key(key.stringValue) ?? ""
        return KeyedEncodingContainer(FlatKeyedContainer<NestedKey>(
            encoder: FlatEncoder(path: path, names: [:], prototype: encoder.prototype, storage: encoder.storage)))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer { IgnoredUnkeyedContainer() }
    mutating func superEncoder() -> Encoder { encoder }
    mutating func superEncoder(forKey key: Key) -> Encoder {
        FlatEncoder(path: encoder.key(key.stringValue) ?? "", names: [:], prototype: encoder.prototype, storage: encoder.storage)
    }
}

private struct FlatSingleContainer: SingleValueEncodingContainer {
    let encoder: FlatEncoder
    var codingPath: [CodingKey] { [] }
    mutating func encodeNil() throws {}
    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.put(value, at: encoder.path) }
}

/// Arrays are not values: what a type writes into an unkeyed container is dropped.
private struct IgnoredUnkeyedContainer: UnkeyedEncodingContainer {
    var codingPath: [CodingKey] { [] }
    var count = 0
    mutating func encodeNil() throws {}
    mutating func encode<T: Encodable>(_ value: T) throws {}
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(FlatKeyedContainer<NestedKey>(encoder: FlatEncoder(path: "", names: [:], prototype: false, storage: Storage())))
    }
    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer { self }
    mutating func superEncoder() -> Encoder { FlatEncoder(path: "", names: [:], prototype: false, storage: Storage()) }
}
