// Shared between the MSBuild inline task (ToolRL.Trainer.targets, compiled by RoslynCodeTaskFactory)
#nullable enable
// and the Trainer's unit tests (compiled with TOOLRL_NO_MSBUILD_TASK). Kept to netstandard-level APIs.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace ToolRL.Trainer.Build
{
    /// <summary>One entry of an ELF file's .gnu.version_r section: a version a dependency must provide.</summary>
    public sealed class ElfVersionNeed
    {
        /// <summary>Creates the entry.</summary>
        public ElfVersionNeed(string file, string version, ushort flags, long flagsOffset)
        {
            File = file; Version = version; Flags = flags; FlagsOffset = flagsOffset;
        }
        /// <summary>The needed library, e.g. libstdc++.so.6.</summary>
        public string File { get; }
        /// <summary>The version name, e.g. GLIBCXX_3.4.32.</summary>
        public string Version { get; }
        /// <summary>vna_flags; bit 0x2 (VER_FLG_WEAK) lets the loader accept a missing version.</summary>
        public ushort Flags { get; }
        /// <summary>File offset of vna_flags.</summary>
        public long FlagsOffset { get; }
    }

    /// <summary>What <see cref="ElfVersionNeeds.MarkWeak"/> did.</summary>
    public enum WeakPatchResult
    {
        /// <summary>The file does not need the version at all.</summary>
        NotNeeded,
        /// <summary>The need was already weak; nothing written.</summary>
        AlreadyWeak,
        /// <summary>The VER_FLG_WEAK bit was set.</summary>
        Patched,
    }

    /// <summary>Reads ELF64 little-endian version needs/definitions and marks a needed version weak.</summary>
    public static class ElfVersionNeeds
    {
        /// <summary>VER_FLG_WEAK from elf.h.</summary>
        public const ushort VerFlagWeak = 0x2;
        const uint ShtGnuVerdef = 0x6ffffffd;
        const uint ShtGnuVerneed = 0x6ffffffe;

        /// <summary>All (file, version) needs of the ELF image.</summary>
        public static List<ElfVersionNeed> ReadNeeds(byte[] elf)
        {
            var result = new List<ElfVersionNeed>();
            foreach (var section in Sections(elf, ShtGnuVerneed))
            {
                long entry = section.Offset;
                for (uint i = 0; i < section.Info; i++)
                {
                    Require(elf, entry, 16, "Elf64_Verneed");
                    ushort count = U16(elf, entry + 2);
                    string file = CString(elf, section.StringsOffset, section.StringsSize, U32(elf, entry + 4));
                    long aux = entry + U32(elf, entry + 8);
                    for (int j = 0; j < count; j++)
                    {
                        Require(elf, aux, 16, "Elf64_Vernaux");
                        string name = CString(elf, section.StringsOffset, section.StringsSize, U32(elf, aux + 8));
                        result.Add(new ElfVersionNeed(file, name, U16(elf, aux + 4), aux + 4));
                        uint nextAux = U32(elf, aux + 12);
                        if (nextAux == 0) break;
                        aux += nextAux;
                    }
                    uint next = U32(elf, entry + 12);
                    if (next == 0) break;
                    entry += next;
                }
            }
            return result;
        }

        /// <summary>True when the ELF image (e.g. libstdc++.so.6) defines the version name.</summary>
        public static bool DefinesVersion(byte[] elf, string version)
        {
            foreach (var section in Sections(elf, ShtGnuVerdef))
            {
                long entry = section.Offset;
                for (uint i = 0; i < section.Info; i++)
                {
                    Require(elf, entry, 20, "Elf64_Verdef");
                    ushort count = U16(elf, entry + 6);
                    long aux = entry + U32(elf, entry + 12);
                    for (int j = 0; j < count; j++)
                    {
                        Require(elf, aux, 8, "Elf64_Verdaux");
                        if (CString(elf, section.StringsOffset, section.StringsSize, U32(elf, aux)) == version) return true;
                        uint nextAux = U32(elf, aux + 4);
                        if (nextAux == 0) break;
                        aux += nextAux;
                    }
                    uint next = U32(elf, entry + 16);
                    if (next == 0) break;
                    entry += next;
                }
            }
            return false;
        }

        /// <summary>Sets VER_FLG_WEAK on every need of <paramref name="version"/> in the image (in memory).</summary>
        public static WeakPatchResult MarkWeak(byte[] elf, string version)
        {
            bool found = false, changed = false;
            foreach (var need in ReadNeeds(elf))
            {
                if (need.Version != version) continue;
                found = true;
                if ((need.Flags & VerFlagWeak) != 0) continue;
                ushort flags = (ushort)(need.Flags | VerFlagWeak);
                elf[need.FlagsOffset] = (byte)flags;
                elf[need.FlagsOffset + 1] = (byte)(flags >> 8);
                changed = true;
            }
            return !found ? WeakPatchResult.NotNeeded : changed ? WeakPatchResult.Patched : WeakPatchResult.AlreadyWeak;
        }

        /// <summary>
        /// Marks the version weak in the file on disk. Writes a temporary file and renames it over the
        /// original, so a hard link into the NuGet cache is replaced, never modified.
        /// </summary>
        public static WeakPatchResult MarkWeakInFile(string path, string version)
        {
            byte[] bytes = System.IO.File.ReadAllBytes(path);
            DateTime written = System.IO.File.GetLastWriteTimeUtc(path);
            var result = MarkWeak(bytes, version);
            if (result != WeakPatchResult.Patched) return result;
            string temp = path + ".toolrl-patch.tmp";
            System.IO.File.WriteAllBytes(temp, bytes);
            System.IO.File.Replace(temp, path, null); // a rename: atomic, and breaks any hard link
            // Same size and time as the packaged file, so incremental builds skip re-copying it.
            System.IO.File.SetLastWriteTimeUtc(path, written);
            return result;
        }

        sealed class VersionSection
        {
            public long Offset; public uint Info; public long StringsOffset; public long StringsSize;
        }

        static IEnumerable<VersionSection> Sections(byte[] elf, uint type)
        {
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
                throw new InvalidDataException("Not an ELF file (bad magic).");
            if (elf[4] != 2) throw new InvalidDataException("Only ELF64 files are supported (EI_CLASS is not ELFCLASS64).");
            if (elf[5] != 1) throw new InvalidDataException("Only little-endian ELF files are supported.");
            long shoff = (long)U64(elf, 0x28);
            ushort shentsize = U16(elf, 0x3A), shnum = U16(elf, 0x3C);
            if (shoff == 0 || shnum == 0) throw new InvalidDataException("The ELF file has no section headers.");
            if (shentsize < 64) throw new InvalidDataException("Unexpected ELF section header size " + shentsize + ".");
            Require(elf, shoff, (long)shentsize * shnum, "section header table");
            var found = new List<VersionSection>();
            for (int i = 0; i < shnum; i++)
            {
                long h = shoff + (long)i * shentsize;
                if (U32(elf, h + 4) != type) continue;
                uint link = U32(elf, h + 0x28);
                if (link >= shnum) throw new InvalidDataException("Version section links to a missing string table.");
                long sh = shoff + (long)link * shentsize;
                var section = new VersionSection
                {
                    Offset = (long)U64(elf, h + 0x18),
                    Info = U32(elf, h + 0x2C),
                    StringsOffset = (long)U64(elf, sh + 0x18),
                    StringsSize = (long)U64(elf, sh + 0x20),
                };
                Require(elf, section.Offset, (long)U64(elf, h + 0x20), "version section");
                Require(elf, section.StringsOffset, section.StringsSize, "string table");
                found.Add(section);
            }
            return found;
        }

        static void Require(byte[] elf, long offset, long size, string what)
        {
            if (offset < 0 || size < 0 || offset + size > elf.Length)
                throw new InvalidDataException("Truncated ELF file: the " + what + " lies outside the file.");
        }

        static string CString(byte[] elf, long tableOffset, long tableSize, uint index)
        {
            if (index >= tableSize) throw new InvalidDataException("ELF string index outside the string table.");
            long start = tableOffset + index, end = start;
            while (end < tableOffset + tableSize && elf[end] != 0) end++;
            return Encoding.ASCII.GetString(elf, (int)start, (int)(end - start));
        }

        static ushort U16(byte[] b, long o) { return (ushort)(b[o] | (b[o + 1] << 8)); }
        static uint U32(byte[] b, long o) { return (uint)(b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)); }
        static ulong U64(byte[] b, long o) { return U32(b, o) | ((ulong)U32(b, o + 4) << 32); }
    }

#if !TOOLRL_NO_MSBUILD_TASK
    /// <summary>
    /// MSBuild task: when the host's libstdc++ lacks <see cref="Version"/>, marks that need weak in each
    /// given copy of libLibTorchSharp.so (build output only). Idempotent.
    /// </summary>
    public sealed class PatchLibTorchSharpVersionNeed : Microsoft.Build.Utilities.Task
    {
        /// <summary>Copies of libLibTorchSharp.so in the output directory; missing ones are skipped.</summary>
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = new Microsoft.Build.Framework.ITaskItem[0];

        /// <summary>The version to relax.</summary>
        public string Version { get; set; } = "GLIBCXX_3.4.32";

        /// <summary>Candidate paths of the host's libstdc++.so.6 (first existing one is used).</summary>
        [Microsoft.Build.Framework.Required]
        public string[] HostLibStdCxxCandidates { get; set; } = new string[0];

        /// <inheritdoc />
        public override bool Execute()
        {
            string? host = null;
            foreach (var candidate in HostLibStdCxxCandidates)
                if (System.IO.File.Exists(candidate)) { host = candidate; break; }
            if (host == null)
            {
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                    "ToolRL: no host libstdc++.so.6 found; libLibTorchSharp.so left unpatched.");
                return true;
            }
            if (ElfVersionNeeds.DefinesVersion(System.IO.File.ReadAllBytes(host), Version))
            {
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, "ToolRL: " + host + " provides " + Version + "; no patch needed.");
                return true;
            }
            foreach (var item in Files)
            {
                string path = item.ItemSpec;
                if (!System.IO.File.Exists(path)) continue;
                try
                {
                    var result = ElfVersionNeeds.MarkWeakInFile(path, Version);
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal, "ToolRL: " + path + ": " + result);
                }
                catch (Exception e)
                {
                    Log.LogError("ToolRL: could not patch " + path + " for " + Version + ": " + e.Message);
                }
            }
            return !Log.HasLoggedErrors;
        }
    }
#endif
}
