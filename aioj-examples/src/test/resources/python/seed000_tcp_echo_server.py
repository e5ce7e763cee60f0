# The server seed 000's client talks to: asyncio's documented tcp_echo_server
# (127.0.0.1:8888), echoing one read and closing. Usage: seed000_tcp_echo_server.py PORT
import asyncio
import sys

async def handle_echo(reader, writer):
    data = await reader.read(100)
    message = data.decode()
    addr = writer.get_extra_info('peername')
    print(f"Received {message!r} from {addr!r}", flush=True)
    writer.write(data)
    await writer.drain()
    writer.close()
    await writer.wait_closed()

async def main(port):
    server = await asyncio.start_server(handle_echo, '127.0.0.1', port)
    print('ports', server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()

asyncio.run(main(int(sys.argv[1])))
