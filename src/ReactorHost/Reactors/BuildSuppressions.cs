using System.Diagnostics.CodeAnalysis;

// TEMPORARY (reactors branch): WasiProcess.RunCore predates Linker.Instantiate(module, token) from
// main, so CA2016 fires once both are merged. The WASI architect owns WasiProcess.cs; delete this
// file when it forwards the token.
[assembly: SuppressMessage("Reliability", "CA2016:Forward the 'CancellationToken' parameter to methods", Justification = "Owned by the WASI branch; see comment.", Scope = "member", Target = "~M:ReactorHost.WasiProcess.RunCore(System.Boolean,System.Threading.CancellationToken)~System.Int32")]
