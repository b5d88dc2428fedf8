import ArgumentParser
import MessengerAutomation
import MessengerKit

struct WindowsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "windows", abstract: "List the open windows: id, kind, title, geometry WxH+L+T.")
    @OptionGroup var endpoint: EndpointOptions
    @OptionGroup var output: OutputOptions

    struct Row: Sendable {
        var handle: String
        var kind: String
        var title: String
        var left: Int64, top: Int64, width: Int64, height: Int64

        var geometry: String { "\(width)x\(height)+\(left)+\(top)" }
    }

    func run() async throws {
        try await endpoint.withSession(json: output.json) { session in
            let rows = try await session.map(try await session.items("Communicator.ListWindows")) { handle in
                let target: [String: JSONValue] = ["handle": .string(handle)]
                async let kind = session.string("Window.get_Kind", target)
                async let title = session.string("Window.get_Title", target)
                async let left = session.integer("Window.get_Left", target)
                async let top = session.integer("Window.get_Top", target)
                async let width = session.integer("Window.get_Width", target)
                async let height = session.integer("Window.get_Height", target)
                return Row(handle: handle, kind: try await kind, title: try await title, left: try await left,
                           top: try await top, width: try await width, height: try await height)
            }
            let json: JSONValue = .array(rows.map { row in
                ["handle": .string(row.handle), "kind": .string(row.kind), "title": .string(row.title),
                 "left": .number(Double(row.left)), "top": .number(Double(row.top)),
                 "width": .number(Double(row.width)), "height": .number(Double(row.height))]
            })
            session.emit(json, text: ColumnLayout.lines(rows.map { row in
                [WindowID.display(row.handle), row.kind, row.title, row.geometry]
            }))
        }
    }
}

struct WindowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "window", abstract: "Show, close or move a window (ids as `msgr windows` prints them).",
        subcommands: [Show.self, Close.self, Move.self])

    struct Target: ParsableArguments {
        @Argument(help: "The window's id, e.g. 4 or window:4.")
        var id: String
        @OptionGroup var endpoint: EndpointOptions
        @OptionGroup var output: OutputOptions

        var handle: [String: JSONValue] { ["handle": .string(WindowID.handle(id))] }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Bring a window to the front.")
        @OptionGroup var target: Target

        func run() async throws {
            try await target.endpoint.withSession(json: target.output.json) { session in
                session.emit(try await session.call("Window.Show", target.handle), text: [])
            }
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a window.")
        @OptionGroup var target: Target

        func run() async throws {
            try await target.endpoint.withSession(json: target.output.json) { session in
                session.emit(try await session.call("Window.Close", target.handle), text: [])
            }
        }
    }

    struct Move: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a window, and resize it when WIDTH and HEIGHT are given (use -- before negative numbers).")
        @OptionGroup var target: Target
        @Argument(help: "LEFT TOP [WIDTH HEIGHT], in pixels.")
        var geometry: [Int]

        func validate() throws {
            guard geometry.count == 2 || geometry.count == 4 else {
                throw ValidationError("give LEFT TOP, or LEFT TOP WIDTH HEIGHT")
            }
        }

        func run() async throws {
            let properties = ["Left", "Top", "Width", "Height"]
            try await target.endpoint.withSession(json: target.output.json) { session in
                for (property, value) in zip(properties, geometry) {
                    var params = target.handle
                    params["value"] = JSONValue(value)
                    try await session.call("Window.put_\(property)", params)
                }
                session.emit(nil, text: [])
            }
        }
    }
}
