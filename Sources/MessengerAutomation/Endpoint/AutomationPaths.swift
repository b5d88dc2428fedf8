import Foundation

/// Where a Communicator instance keeps its files and its automation socket
/// (automation-rpc.md, Transport).
public enum AutomationPaths {
    /// The client's data folder when `--data` is not given:
    /// `$XDG_DATA_HOME/communicator`, else `~/.local/share/communicator`.
    public static func defaultDataFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let dataHome = environment["XDG_DATA_HOME"], dataHome.hasPrefix("/") {
            return dataHome + "/communicator"
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/share/communicator"
    }

    /// `$XDG_RUNTIME_DIR/communicator/automation.sock`; when that variable is
    /// unset, `<data folder>/automation.sock`.
    public static func defaultSocket(
        dataFolder: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        if let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/") {
            return runtime + "/communicator/automation.sock"
        }
        return (dataFolder ?? defaultDataFolder(environment: environment)) + "/automation.sock"
    }
}
