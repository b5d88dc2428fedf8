/// A setting the bench cannot run with, worded for the person who typed it.
public struct BenchConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
