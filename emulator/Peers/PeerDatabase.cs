using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace EStreamer.Emulator.Peers;

/// <summary>
/// The peer database: a YAML file of registered clients plus the global address-check switch. The
/// server reads it in memory and reloads it when the file changes, so that <c>peers revoke</c> run from
/// another shell takes effect on the next connection.
/// </summary>
public sealed class PeerDatabase
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .Build();

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    private readonly object _gate = new();
    private readonly string _path;
    private PeerFile _file = new();
    private DateTime _loadedStamp;

    private PeerDatabase(string path)
    {
        _path = path;
    }

    public string Path => _path;

    /// <summary>Opens (or creates empty) the database at <paramref name="path"/>.</summary>
    public static PeerDatabase Open(string path)
    {
        var database = new PeerDatabase(path);
        if (File.Exists(path))
        {
            database.Reload();
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
        if (File.Exists(_path) && File.GetLastWriteTimeUtc(_path) != _loadedStamp)
        {
            Reload();
        }
    }

    private void Reload()
    {
        var text = File.ReadAllText(_path);
        _file = Deserializer.Deserialize<PeerFile?>(text) ?? new PeerFile();
        _loadedStamp = File.GetLastWriteTimeUtc(_path);
    }

    private void Save()
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(_path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = _path + ".tmp";
        File.WriteAllText(temporary, "# EStreamer Emulator peer database: registered clients and their certificates.\n" + Serializer.Serialize(_file));
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
