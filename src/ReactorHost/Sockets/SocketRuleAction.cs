namespace ReactorHost.Sockets;

/// <summary>What a matching <see cref="SocketRule"/> decides.</summary>
public enum SocketRuleAction
{
    /// <summary>Let the operation proceed.</summary>
    Allow,

    /// <summary>Refuse it (the guest sees <see cref="SocketPolicyHandler.DeniedErrno"/>) and log.</summary>
    Deny,
}
