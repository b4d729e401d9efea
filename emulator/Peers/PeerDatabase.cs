using EStreamer.Scenarios.Loading;
using EStreamer.Emulator.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace EStreamer.Emulator.Peers;

/// <summary>
/// The peer database: a YAML file of registered clients plus the global address-check switch. The
/// server reads it in memory and reloads it when the file changes, so that <c>peers revoke</c> run from
/// another shell takes effect on the next connection. A file that cannot be read stops <see cref="Open"/>
/// with its location; one that turns unreadable while the server runs leaves the last good contents in
/// use and is logged once per change. The file holds the peers' PKCS#12 passwords: it is owner-only (0600).
/// </summary>
public sealed class PeerDatabase
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .Build();

    // A peer database nests four levels (file, peers, peer, a peer's lists); 1 MiB holds thousands of peers.
    private const int PeersMaxDepth = 16;
    private const int PeersMaxLength = 1024 * 1024;

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    private readonly object _gate = new();
    private readonly string _path;
    private PeerFile _file = new();
    private DateTime _loadedStamp;
    private ILogger _logger = NullLogger.Instance;

    private PeerDatabase(string path)
    {
        _path = path;
    }

    public string Path => _path;

    /// <summary>Where a reload that fails while the server runs is reported.</summary>
    public void AttachLogger(ILogger logger) => _logger = logger;

    /// <summary>Opens (or creates empty) the database at <paramref name="path"/>; a file that cannot be read is a <see cref="PeerDatabaseException"/>.</summary>
    public static PeerDatabase Open(string path)
    {
        var database = new PeerDatabase(path);
        if (File.Exists(path))
        {
            database.Reload();
            OwnerOnly(path);
        }
        else
        {
            database.Save();
        }

        return database;
    }

    public bool CheckAddress
    {
        get
        {
            lock (_gate)
            {
                RefreshIfChanged();
                return _file.CheckAddress;
            }
        }

        set
        {
            lock (_gate)
            {
                _file.CheckAddress = value;
                Save();
            }
        }
    }

    public IReadOnlyList<Peer> List()
    {
        lock (_gate)
        {
            RefreshIfChanged();
            return [.. _file.Peers];
        }
    }

    public Peer? FindByThumbprint(string thumbprint)
    {
        lock (_gate)
        {
            RefreshIfChanged();
            return _file.Peers.FirstOrDefault(p => string.Equals(p.Thumbprint, thumbprint, StringComparison.OrdinalIgnoreCase));
        }
    }

    public Peer? FindByHost(string host)
    {
        lock (_gate)
        {
            RefreshIfChanged();
            return _file.Peers.FirstOrDefault(p => string.Equals(p.Host, host, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>Adds a peer or replaces the one registered for the same host (a re-issued certificate).</summary>
    public void Upsert(Peer peer)
    {
        lock (_gate)
        {
            RefreshIfChanged();
            _file.Peers.RemoveAll(p => string.Equals(p.Host, peer.Host, StringComparison.OrdinalIgnoreCase));
            _file.Peers.Add(peer);
            Save();
        }
    }

    /// <summary>Applies a change to the peer of a host; false when no such peer exists.</summary>
    public bool Update(string host, Action<Peer> change)
    {
        lock (_gate)
        {
            RefreshIfChanged();
            var peer = _file.Peers.FirstOrDefault(p => string.Equals(p.Host, host, StringComparison.OrdinalIgnoreCase));
            if (peer is null)
            {
                return false;
            }

            change(peer);
            Save();
            return true;
        }
    }

    public bool Remove(string host)
    {
        lock (_gate)
        {
            RefreshIfChanged();
            var removed = _file.Peers.RemoveAll(p => string.Equals(p.Host, host, StringComparison.OrdinalIgnoreCase)) > 0;
            if (removed)
            {
                Save();
            }

            return removed;
        }
    }

    private void RefreshIfChanged()
    {
        if (!File.Exists(_path) || File.GetLastWriteTimeUtc(_path) == _loadedStamp)
        {
            return;
        }

        try
        {
            Reload();
        }
        catch (PeerDatabaseException unreadable)
        {
            // Keep serving the last good peers; try again when the file changes once more.
            _loadedStamp = File.GetLastWriteTimeUtc(_path);
            Log.PeerDatabaseUnreadable(_logger, unreadable.Location, unreadable.Reason, _file.Peers.Count);
        }
    }

    private void Reload()
    {
        var stamp = File.GetLastWriteTimeUtc(_path);
        string text;
        try
        {
            text = File.ReadAllText(_path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PeerDatabaseException(_path, e.Message);
        }

        try
        {
            // The same bounds as every other YAML text: a file of nested brackets must not exhaust the stack.
            _file = Deserializer.Deserialize<PeerFile?>(YamlLimits.OpenParser(text, PeersMaxDepth, PeersMaxLength)) ?? new PeerFile();
        }
        catch (YamlException invalid)
        {
            var reason = invalid.InnerException is { } inner && !string.IsNullOrEmpty(inner.Message) ? inner.Message : invalid.Message;
            throw new PeerDatabaseException($"{_path}:{invalid.Start.Line}:{invalid.Start.Column}", FirstLine(reason));
        }

        _loadedStamp = stamp;
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? text : text[..end]).Trim();
    }

    private static void OwnerOnly(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private void Save()
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(_path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        // Written owner-only from the first byte (it holds passwords), then moved over the old file.
        var temporary = _path + ".tmp";
        var text = "# EStreamer Emulator peer database: registered clients, their certificates and PKCS#12 passwords.\n" + Serializer.Serialize(_file);
        var create = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temporary, new System.Text.UTF8Encoding(false), create))
        {
            writer.Write(text);
        }

        OwnerOnly(temporary);
        File.Move(temporary, _path, overwrite: true);
        _loadedStamp = File.GetLastWriteTimeUtc(_path);
    }

    /// <summary>The file's shape.</summary>
    public sealed class PeerFile
    {
        /// <summary>Compare the connection's source address with the certificate's host (reference 1.4).</summary>
        public bool CheckAddress { get; set; } = true;

        public List<Peer> Peers { get; set; } = [];
    }
}
