import ArgumentParser
import Foundation
import MessengerAutomation
import MessengerKit

/// Where the running client's automation socket is: every scripting verb
/// takes these.
struct EndpointOptions: ParsableArguments {
    @Option(name: .long, help: "The running client's automation socket (default: $XDG_RUNTIME_DIR/communicator/automation.sock, else <data folder>/automation.sock).")
    var socket: String?

    @Option(name: .long, help: "The client's data folder, used to find its socket when --socket is not given (default: $XDG_DATA_HOME/communicator or ~/.local/share/communicator).")
    var data: String?

    var socketPath: String { socket ?? AutomationPaths.defaultSocket(dataFolder: data) }

    /// Connects, runs `body`, closes. Failures go to stderr as one line and
    /// become the exit status: 3 when the socket cannot be reached, 1 for an
    /// error reply or any other failure.
    func withSession(json: Bool = false, _ body: (ScriptingSession) async throws -> Void) async throws {
        let client: AutomationClient
        do {
            client = try await AutomationClient.connect(socketPath: socketPath)
        } catch {
            if error.meansNotRunning {
                printError("no Communicator running at \(socketPath) (start one with `msgr client` or `msgr demo`)")
            } else {
                printError("cannot reach the Communicator at \(socketPath): \(error)")
            }
            throw ExitCode(ScriptingExit.cannotConnect)
        }
        do {
            try await body(ScriptingSession(client: client, json: json))
        } catch {
            await client.close()
            switch error {
            case let error as AutomationClientError: printError(error.description)
            case let error as ScriptingFailure: printError(error.description)
            default: throw error
            }
            throw ExitCode.failure
        }
        await client.close()
    }
}

struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print the result as one JSON text instead of text for people.")
    var json = false
}

enum ScriptingExit {
    static let cannotConnect: Int32 = 3
}

/// A failure found on our side (unknown group name, no such window, a
/// reply of the wrong shape): printed as is, exit status 1.
struct ScriptingFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// One connection to the endpoint plus typed reads of its results.
struct ScriptingSession: Sendable {
    let client: AutomationClient
    let json: Bool

    @discardableResult
    func call(_ method: String, _ params: [String: JSONValue] = [:]) async throws -> JSONValue? {
        try await client.call(method, params).value
    }

    func string(_ method: String, _ params: [String: JSONValue] = [:]) async throws -> String {
        let value = try await call(method, params)
        guard let string = value?.stringValue else { throw unexpected(value, from: method, wanted: "a string") }
        return string
    }

    func integer(_ method: String, _ params: [String: JSONValue] = [:]) async throws -> Int64 {
        let value = try await call(method, params)
        guard let number = value?.integerValue else { throw unexpected(value, from: method, wanted: "an integer") }
        return number
    }

    func bool(_ method: String, _ params: [String: JSONValue] = [:]) async throws -> Bool {
        let value = try await call(method, params)
        guard let bool = value?.boolValue else { throw unexpected(value, from: method, wanted: "a boolean") }
        return bool
    }

    /// The item handles of a collection result `{"handle", "count", "items"}`.
    func items(_ method: String, _ params: [String: JSONValue] = [:]) async throws -> [String] {
        let value = try await call(method, params)
        guard let items = value?["items"]?.arrayValue else { throw unexpected(value, from: method, wanted: "a collection") }
        return try items.map { item in
            guard let handle = item.stringValue else { throw unexpected(item, from: method, wanted: "handles") }
            return handle
        }
    }

    /// Runs `transform` on every element at once (calls may overlap on one
    /// connection) and keeps the input order.
    func map<T: Sendable>(_ elements: [String], _ transform: @escaping @Sendable (String) async throws -> T) async throws -> [T] {
        try await withThrowingTaskGroup(of: (Int, T).self) { group in
            for (index, element) in elements.enumerated() {
                group.addTask { (index, try await transform(element)) }
            }
            var results = [T?](repeating: nil, count: elements.count)
            for try await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
        }
    }

    /// `--json` prints `value` (or `null`); otherwise the text lines.
    func emit(_ value: JSONValue?, text: @autoclosure () -> [String]) {
        if json {
            print((value ?? .null).serialized())
        } else {
            for line in text() { print(line) }
        }
    }

    private func unexpected(_ value: JSONValue?, from method: String, wanted: String) -> ScriptingFailure {
        ScriptingFailure("\(method) returned \((value ?? .null).serialized()), not \(wanted)")
    }
}

/// Window handles are printed as their bare id (`window:4` → `4`) and read
/// back in either form.
enum WindowID {
    static func display(_ handle: String) -> String {
        handle.hasPrefix("window:") ? String(handle.dropFirst("window:".count)) : handle
    }

    static func handle(_ argument: String) -> String {
        argument.hasPrefix("window:") ? argument : "window:" + argument
    }
}
