using System;
using System.Runtime.InteropServices;

namespace Nfnet.Distributed.Mpi;

/// <summary>
/// The few functions of the MPI standard C API that data-parallel training needs. Handles are pointer-sized (see
/// <see cref="MpiAbi"/>); counts are C ints, so callers split larger buffers.
/// </summary>
internal static unsafe class MpiNative
{
    private const string Library = "nfnet-mpi";

    // libmpi.so.40: OpenMPI 3–5; libmpi.so.12: MPICH ≥ 3.1, Intel MPI, MVAPICH; libmpi.so: whatever the loader path has.
    private static readonly string[] Candidates = ["libmpi.so.40", "libmpi.so.12", "libmpi.so"];

    private static IntPtr _handle;

    /// <summary>Environment variable naming the libmpi to load instead of the usual sonames.</summary>
    public const string LibraryVariable = "NFNET_MPI_LIBRARY";

    /// <summary>Loads libmpi (once) and returns its handle and path.</summary>
    public static (IntPtr Handle, string Path) Load()
    {
        var names = Environment.GetEnvironmentVariable(LibraryVariable) is { Length: > 0 } chosen ? [chosen] : Candidates;
        foreach (var name in names)
        {
            // RTLD_GLOBAL: OpenMPI's plugins (mca_*.so), which it dlopens itself, resolve libmpi's symbols through
            // the global namespace; .NET's own loader opens libraries RTLD_LOCAL.
            var handle = dlopen(name, RtldNow | RtldGlobal);
            if (handle == IntPtr.Zero) continue;
            _handle = handle;
            NativeLibrary.SetDllImportResolver(typeof(MpiNative).Assembly, Resolve);
            return (handle, name);
        }
        throw new DistributedException(
            $"this process runs under an MPI launcher but no MPI library could be loaded (tried {string.Join(", ", names)}); "
            + $"install OpenMPI (apt-get install openmpi-bin) or set {LibraryVariable} to the path of libmpi.so");
    }

    private static IntPtr Resolve(string name, System.Reflection.Assembly assembly, DllImportSearchPath? path) =>
        name == Library ? _handle : IntPtr.Zero;

    private const int RtldNow = 2;
    private const int RtldGlobal = 0x100;

    [DllImport("libc", EntryPoint = "dlopen")]
    private static extern IntPtr dlopen([MarshalAs(UnmanagedType.LPUTF8Str)] string file, int mode);

    public const int ThreadFunneled = 1;
    public const int Success = 0;

    [DllImport(Library)] public static extern int MPI_Initialized(out int flag);
    [DllImport(Library)] public static extern int MPI_Finalized(out int flag);
    [DllImport(Library)] public static extern int MPI_Init_thread(IntPtr argc, IntPtr argv, int required, out int provided);
    [DllImport(Library)] public static extern int MPI_Finalize();
    [DllImport(Library)] public static extern int MPI_Comm_rank(IntPtr comm, out int rank);
    [DllImport(Library)] public static extern int MPI_Comm_size(IntPtr comm, out int size);
    [DllImport(Library)] public static extern int MPI_Comm_set_errhandler(IntPtr comm, IntPtr handler);
    [DllImport(Library)] public static extern int MPI_Allreduce(void* send, void* receive, int count, IntPtr datatype, IntPtr op, IntPtr comm);
    [DllImport(Library)] public static extern int MPI_Bcast(void* buffer, int count, IntPtr datatype, int root, IntPtr comm);
    [DllImport(Library)] public static extern int MPI_Abort(IntPtr comm, int code);
    [DllImport(Library)] public static extern int MPI_Error_string(int code, byte* text, out int length);
    [DllImport(Library)] public static extern int MPI_Get_library_version(byte* text, out int length);
}
