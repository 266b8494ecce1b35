using System.Buffers;
using System.Text.Json;
using Rampart.Contracts.Bastion;

namespace Rampart.Bastion.Entry;

/// <summary>The <see cref="OshFrame.Hello"/> payload, written by hand so the program needs no reflection (AOT, start-up).</summary>
internal static class HelloMessage
{
    public static ReadOnlyMemory<byte> Encode(OshHello hello)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("version", OshHello.Version);
            json.WriteString("command", hello.Command);
            json.WriteBoolean("tty", hello.Tty);
            json.WriteString("term", hello.Term);
            json.WriteNumber("rows", hello.Rows);
            json.WriteNumber("cols", hello.Columns);
            json.WriteString("sshConnection", hello.SshConnection);
            json.WriteStartObject("locale");
            foreach (var (name, value) in hello.Locale ?? new Dictionary<string, string>())
            {
                json.WriteString(name, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }
}
