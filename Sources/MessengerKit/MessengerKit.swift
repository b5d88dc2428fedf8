/// MessengerKit: the client engine and the Automation API object model
/// (`../shared/spec/automation-api.md`). This file only names the module;
/// each part lives in its own folder.
public enum MessengerKit {}
