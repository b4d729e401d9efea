namespace EStreamer.Emulator.Tests.Support;

/// <summary>Folders of a test's own under the temp directory's estreamer-tests, made by whoever uses the path and removed after the test.</summary>
internal static class TestFolders
{
    /// <summary>A path no other test uses; nothing is created there yet.</summary>
    public static string NewPath(string prefix = "") => Path.Combine(Path.GetTempPath(), "estreamer-tests", prefix + Guid.NewGuid().ToString("N"));

    /// <summary>Removes the folder and everything in it, if it was made.</summary>
    public static void Remove(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
