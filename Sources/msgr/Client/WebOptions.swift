import ArgumentParser

/// `--web-port` and `--no-web`, shared by `msgr client` and `msgr demo`.
struct WebOptions: ParsableArguments {
    static let defaultPort = 8412

    @Option(name: .customLong("web-port"), help: "Port for the web UI on 127.0.0.1 (0 picks a free one).")
    var webPort: Int = WebOptions.defaultPort

    @Flag(name: .customLong("no-web"), help: "Do not serve the web UI.")
    var noWeb = false

    func validate() throws {
        if !(0...65535).contains(webPort) { throw ValidationError("--web-port must be 0…65535") }
    }
}
