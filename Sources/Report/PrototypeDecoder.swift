/// Builds a prototype of any Decodable type, whose value keys (ValueEncoder.swift) are every key a
/// real value can set: each optional present, each array of `ValueKeyedElement`s holding one
/// element per key (element i takes the i-th case of every CaseIterable field), every other array
/// and dictionary empty (they are not values), numbers 1, strings empty.
import Foundation
import Pipeline

struct PrototypeDecoder: Decoder {
    /// The index of the keyed-array element being built.
    var element = 0
    var codingPath: [CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func make<T: Decodable>(_ type: T.Type) throws -> T {
        switch T.self {
        case is Bool.Type: return false as! T
        case is String.Type: return "" as! T
        case let i as any BinaryInteger.Type: return one(i) as! T
        case let f as any BinaryFloatingPoint.Type: return one(f) as! T
        default: break
        }
        if let c = T.self as? any CaseIterable.Type { return pick(c) as! T }
        if let a = T.self as? any PrototypeArray.Type { return try a.prototype() as! T }
        return try T(from: self)
    }

    private func one<I: BinaryInteger>(_ type: I.Type) -> I { 1 }
    private func one<F: BinaryFloatingPoint>(_ type: F.Type) -> F { 1 }

    private func pick<C: CaseIterable>(_ type: C.Type) -> C {
        let all = Array(type.allCases)
        return all[min(element, all.count - 1)]
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(PrototypeKeyedContainer<Key>(decoder: self))
    }
    func unkeyedContainer() -> UnkeyedDecodingContainer { EmptyUnkeyedContainer() }
    func singleValueContainer() -> SingleValueDecodingContainer { PrototypeSingleContainer(decoder: self) }
}

private protocol PrototypeArray { static func prototype() throws -> Self }
extension Array: PrototypeArray where Element: ValueKeyedElement & Decodable {
    fileprivate static func prototype() throws -> Self {
        try (0..<Element.valueKeyCount).map { try PrototypeDecoder(element: $0).make(Element.self) }
    }
}

/// Its generic `decode` serves every type: `make` answers numbers, strings and booleans itself.
private struct PrototypeKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: PrototypeDecoder
    var codingPath: [CodingKey] { [] }
    var allKeys: [Key] { [] }
    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decoder.make(T.self) }
    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        decoder.container(keyedBy: type)
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer { EmptyUnkeyedContainer() }
    func superDecoder() throws -> Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> Decoder { decoder }
}

private struct PrototypeSingleContainer: SingleValueDecodingContainer {
    let decoder: PrototypeDecoder
    var codingPath: [CodingKey] { [] }
    func decodeNil() -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.make(T.self) }
}

/// Arrays that are not values are empty in a prototype.
private struct EmptyUnkeyedContainer: UnkeyedDecodingContainer {
    var codingPath: [CodingKey] { [] }
    var count: Int? { 0 }
    var isAtEnd: Bool { true }
    var currentIndex: Int { 0 }
    private func end() -> DecodingError { DecodingError.valueNotFound(Any.self, .init(codingPath: [], debugDescription: "prototype arrays are empty")) }
    mutating func decodeNil() throws -> Bool { throw end() }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { throw end() }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> { throw end() }
    mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer { throw end() }
    mutating func superDecoder() throws -> Decoder { throw end() }
}
