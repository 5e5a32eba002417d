<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AgentProtocol</name>
    <message>
        <source>this is not a TCP Lens agent stream (it begins with %1)</source>
        <translation>这不是 TCP Lens 代理的数据流（开头是 %1）</translation>
    </message>
    <message>
        <source>the agent speaks stream version %1, this TCP Lens reads version %2: install the same TCP Lens version on both machines</source>
        <translation>代理使用数据流版本 %1，而这个 TCP Lens 读取版本 %2：请在两台机器上安装相同版本的 TCP Lens</translation>
    </message>
    <message>
        <source>the agent&apos;s header claims %1 bytes, more than the %2 allowed</source>
        <translation>代理的头部声称有 %1 字节，超过了允许的 %2 字节</translation>
    </message>
    <message>
        <source>damaged agent stream: a frame of %1 bytes (at most %2 are allowed, at least 1)</source>
        <translation>代理数据流已损坏：一帧有 %1 字节（最多允许 %2 字节，至少 1 字节）</translation>
    </message>
</context>
<context>
    <name>DoctorCommand</name>
    <message>
        <source>what to do: %1</source>
        <translation>怎么办：%1</translation>
    </message>
    <message>
        <source>%1 (pid %2)</source>
        <translation>%1（pid %2）</translation>
    </message>
    <message>
        <source>no process (timewait socket)</source>
        <translation>没有进程（TIME-WAIT socket）</translation>
    </message>
    <message>
        <source>no process yet (SYN queue)</source>
        <translation>暂无进程（半连接队列）</translation>
    </message>
    <message>
        <source>no process yet (not accepted)</source>
        <translation>暂无进程（尚未 accept）</translation>
    </message>
    <message>
        <source>no process (closed, orphaned)</source>
        <translation>没有进程（已关闭，孤儿连接）</translation>
    </message>
    <message>
        <source>a process we may not see (run as root)</source>
        <translation>一个我们看不到的进程（请以 root 运行）</translation>
    </message>
    <message>
        <source>process not found</source>
        <translation>未找到进程</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>1 TCP socket</source>
        <translation>1 个 TCP socket</translation>
    </message>
    <message>
        <source>%1 TCP sockets</source>
        <translation>%1 个 TCP socket</translation>
    </message>
    <message>
        <source>Since: before %1 (at least %2)</source>
        <translation>开始于：%1 之前（至少 %2）</translation>
    </message>
    <message>
        <source>Since: %1 (%2)</source>
        <translation>开始于：%1（%2）</translation>
    </message>
    <message>
        <source>Affected (%1):</source>
        <translation>受影响的连接（%1）：</translation>
    </message>
    <message>
        <source>socket %1 (gone since)</source>
        <translation>socket %1（之后已消失）</translation>
    </message>
    <message>
        <source>and %1 more</source>
        <translation>以及另外 %1 个</translation>
    </message>
    <message>
        <source>Why %1 → %2:</source>
        <translation>为什么 %1 → %2：</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>解决办法：%1</translation>
    </message>
    <message>
        <source>Lesson: seed %1, &quot;%2&quot;</source>
        <translation>课程：资料 %1，“%2”</translation>
    </message>
    <message>
        <source>Looks at a network namespace&apos;s TCP sockets twice, INTERVAL apart, with its counters and sysctls, and says what is wrong, with which connections, why the kernel keeps them so, and the fix (docs/diagnosis.md). Exit code 0: no problem found; 1: problems found; 2: could not look.</source>
        <translation>间隔 INTERVAL 对一个网络命名空间的 TCP socket 连同其计数器和 sysctl 看两次，然后说明哪里出了问题、涉及哪些连接、内核为什么这样保留它们，以及解决办法（docs/diagnosis.md）。退出码 0：没有发现问题；1：发现了问题；2：无法查看。</translation>
    </message>
    <message>
        <source>Print JSON (docs/json-schema.md).</source>
        <translation>输出 JSON（docs/json-schema.md）。</translation>
    </message>
    <message>
        <source>Look into this network namespace: /proc/PID/ns/net, /run/netns/NAME or NAME.</source>
        <translation>查看这个网络命名空间：/proc/PID/ns/net、/run/netns/NAME 或 NAME。</translation>
    </message>
    <message>
        <source>Milliseconds between the two looks (default 1000): ages and counter rates need both.</source>
        <translation>两次查看之间的毫秒数（默认 1000）：计算连接存在时间和计数器速率都需要两次查看。</translation>
    </message>
    <message>
        <source>Use the rules of this file instead of the built-in ones (resources/diagnosis/rules.json is the format).</source>
        <translation>使用这个文件中的规则代替内置规则（格式见 resources/diagnosis/rules.json）。</translation>
    </message>
    <message>
        <source>--interval takes milliseconds, from 10 to 600000</source>
        <translation>--interval 接受毫秒数，范围 10 到 600000</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>correct the file; docs/diagnosis.md describes the rules&apos; fields</source>
        <translation>请修改这个文件；docs/diagnosis.md 描述了规则的各个字段</translation>
    </message>
    <message>
        <source>give an existing namespace (ip netns list; /proc/PID/ns/net of a process in it) and run as root or as the namespace&apos;s owner</source>
        <translation>请给出一个已存在的命名空间（ip netns list；或其中某个进程的 /proc/PID/ns/net），并以 root 或该命名空间所有者的身份运行</translation>
    </message>
    <message>
        <source>this network namespace</source>
        <translation>这个网络命名空间</translation>
    </message>
    <message>
        <source>No problems found in %1 (%2, looked twice %3 ms apart).</source>
        <translation>%1中没有发现问题（%2，间隔 %3 毫秒看了两次）。</translation>
    </message>
    <message>
        <source>1 problem in %1 (%2, looked twice %3 ms apart):</source>
        <translation>%1中有 1 个问题（%2，间隔 %3 毫秒看了两次）：</translation>
    </message>
    <message>
        <source>%1 problems in %2 (%3, looked twice %4 ms apart), most urgent first:</source>
        <translation>%2中有 %1 个问题（%3，间隔 %4 毫秒看了两次），最紧急的在前：</translation>
    </message>
</context>
<context>
    <name>LabCommand</name>
    <message>
        <source>%1: name a subcommand</source>
        <translation>%1：请指定一个子命令</translation>
    </message>
    <message>
        <source>%1: unknown subcommand &apos;%2&apos;</source>
        <translation>%1：未知的子命令 &apos;%2&apos;</translation>
    </message>
    <message>
        <source>%1: tcplens-lab is neither in %2 nor installed as %3
</source>
        <translation>%1：tcplens-lab 既不在 %2 中，也没有安装为 %3
</translation>
    </message>
    <message>
        <source>%1: cannot start %2: %3
</source>
        <translation>%1：无法启动 %2：%3
</translation>
    </message>
    <message>
        <source>usage: %1 list [--json]
       %1 run NAME|FILE.json [--json] [--fast]
Lists the lab&apos;s scenarios, built in and your own, or plays one on the real kernel, in a network namespace of its own, and says what the kernel did for each claim (docs/lab.md). Exit code of run: 0 when every expectation held, 1 when one did not, 2 on bad arguments, 3 when no namespace can be made, 4 when a tool it needs (nft) is missing.

Options:
  --json  list: one JSON array; run: one JSON line per event.
  --fast  run: the scenario&apos;s short timers.
</source>
        <translation>用法：%1 list [--json]
      %1 run NAME|FILE.json [--json] [--fast]
列出实验的场景（内置的和你自己的），或在真实内核上、在独立的网络命名空间中演示其中一个，并逐条说明内核对每个断言的实际表现（docs/lab.md）。run 的退出码：每条预期都成立时为 0，有一条不成立时为 1，参数错误为 2，无法创建命名空间为 3，缺少所需工具（nft）时为 4。

选项：
  --json  list：一个 JSON 数组；run：每个事件一行 JSON。
  --fast  run：使用场景的短计时器。
</translation>
    </message>
</context>
<context>
    <name>LabRunner</name>
    <message>
        <source>step %1, action %2: %3</source>
        <translation>第 %1 步，第 %2 个动作：%3</translation>
    </message>
    <message>
        <source>there is already a listener &apos;%1&apos;</source>
        <translation>已经有一个名为 &apos;%1&apos; 的监听 socket</translation>
    </message>
    <message>
        <source>no listener &apos;%1&apos;</source>
        <translation>没有名为 &apos;%1&apos; 的监听 socket</translation>
    </message>
    <message>
        <source>there is already a client group &apos;%1&apos;</source>
        <translation>已经有一个名为 &apos;%1&apos; 的客户端组</translation>
    </message>
    <message>
        <source>no listener or client group &apos;%1&apos;</source>
        <translation>没有名为 &apos;%1&apos; 的监听 socket 或客户端组</translation>
    </message>
    <message>
        <source>not checked: %1 is missing, without it the lab cannot drop packets</source>
        <translation>未检查：缺少 %1，没有它实验室无法丢弃数据包</translation>
    </message>
    <message>
        <source>this kernel has no counter %1</source>
        <translation>此内核没有计数器 %1</translation>
    </message>
    <message>
        <source>%1 rose by %2 (now %3)</source>
        <translation>%1 增加了 %2（现在为 %3）</translation>
    </message>
    <message>
        <source>no sockets there</source>
        <translation>那里没有 socket</translation>
    </message>
    <message>
        <source>%1 s left (%2)</source>
        <translation>还剩 %1 秒（%2）</translation>
    </message>
    <message>
        <source>no matching socket with a timer (%1)</source>
        <translation>没有带定时器的匹配 socket（%1）</translation>
    </message>
    <message>
        <source>%1 (accept queue %2 of limit %3, SYN queue %4)</source>
        <translation>%1（全连接队列 %2，上限 %3，半连接队列 %4）</translation>
    </message>
    <message>
        <source>no listener on port %1</source>
        <translation>端口 %1 上没有监听 socket</translation>
    </message>
    <message>
        <source>no client group &apos;%1&apos; (yet)</source>
        <translation>（还）没有名为 &apos;%1&apos; 的客户端组</translation>
    </message>
    <message>
        <source>, %1 after %2–%3 s</source>
        <translation>，%2–%3 秒后 %1</translation>
    </message>
    <message>
        <source>no problems</source>
        <translation>没有问题</translation>
    </message>
    <message>
        <source>%1 rows: %2</source>
        <translation>%1 行：%2</translation>
    </message>
    <message>
        <source>not found (found: %1)</source>
        <translation>未找到（找到的是：%1）</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>NamespaceThread</name>
    <message>
        <source>cannot create a network namespace: %1%2</source>
        <translation>无法创建网络命名空间：%1%2</translation>
    </message>
    <message>
        <source> (needs CAP_SYS_ADMIN)</source>
        <translation>（需要 CAP_SYS_ADMIN）</translation>
    </message>
</context>
<context>
    <name>QCommandLineParser</name>
    <message>
        <source>Usage: %1</source>
        <translation>用法：%1</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>选项：</translation>
    </message>
    <message>
        <source>Arguments:</source>
        <translation>参数：</translation>
    </message>
    <message>
        <source>Displays help on commandline options.</source>
        <translation>显示命令行选项的帮助。</translation>
    </message>
    <message>
        <source>Displays help, including generic Qt options.</source>
        <translation>显示帮助，包括 Qt 的通用选项。</translation>
    </message>
    <message>
        <source>Displays version information.</source>
        <translation>显示版本信息。</translation>
    </message>
    <message>
        <source>Unknown option &apos;%1&apos;.</source>
        <translation>未知选项 &apos;%1&apos;。</translation>
    </message>
    <message>
        <source>Unknown options: %1.</source>
        <translation>未知选项：%1。</translation>
    </message>
    <message>
        <source>Missing value after &apos;%1&apos;.</source>
        <translation>&apos;%1&apos; 后面缺少值。</translation>
    </message>
    <message>
        <source>Unexpected value after &apos;%1&apos;.</source>
        <translation>&apos;%1&apos; 后面出现了多余的值。</translation>
    </message>
    <message>
        <source>[options]</source>
        <translation>[选项]</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>是(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>否(&amp;N)</translation>
    </message>
</context>
<context>
    <name>RemoteSource</name>
    <message>
        <source>The stream from %1 is damaged: %2.</source>
        <translation>来自 %1 的数据流已损坏：%2。</translation>
    </message>
    <message>
        <source>On %1: %2</source>
        <translation>在 %1 上：%2</translation>
    </message>
    <message>
        <source>check that you can run `ssh %1 tcplens agent`</source>
        <translation>请确认你能运行 `ssh %1 tcplens agent`</translation>
    </message>
    <message>
        <source>ssh to %1 failed: %2 — %3</source>
        <translation>ssh 到 %1 失败：%2 — %3</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>未给出原因</translation>
    </message>
    <message>
        <source>%1 has no tcplens where ssh looks (%2) — install TCP Lens there, or %3</source>
        <translation>%1 上 ssh 查找的路径中没有 tcplens（%2）— 请在那里安装 TCP Lens，或者%3</translation>
    </message>
    <message>
        <source>The agent on %1 ended before it said anything (%2) — %3</source>
        <translation>%1 上的代理在发出任何数据之前就结束了（%2）— %3</translation>
    </message>
    <message>
        <source>exit status %1</source>
        <translation>退出状态 %1</translation>
    </message>
    <message>
        <source>The connection to %1 ended (%2); what was seen is kept.</source>
        <translation>与 %1 的连接已结束（%2）；已看到的内容会保留。</translation>
    </message>
    <message>
        <source>Cannot start %1: %2 (is the OpenSSH client installed?)</source>
        <translation>无法启动 %1：%2（是否安装了 OpenSSH 客户端？）</translation>
    </message>
</context>
<context>
    <name>ServeCommand</name>
    <message>
        <source>Serves the kernel&apos;s TCP view to Prometheus until interrupted: sockets per state, each listener&apos;s queues, the counters and sysctls of the catalogs (docs/metrics.md).</source>
        <translation>向 Prometheus 提供内核的 TCP 视图，直到被中断：各状态的 socket 数、每个监听 socket 的队列、目录中的计数器和 sysctl（docs/metrics.md）。</translation>
    </message>
    <message>
        <source>Where to listen for scrapes (default 127.0.0.1:9477; [::1]:PORT for IPv6).</source>
        <translation>在哪里监听抓取请求（默认 127.0.0.1:9477；IPv6 写作 [::1]:PORT）。</translation>
    </message>
    <message>
        <source>Serve OpenMetrics text at /metrics (the only thing served so far).</source>
        <translation>在 /metrics 提供 OpenMetrics 文本（目前唯一提供的内容）。</translation>
    </message>
    <message>
        <source>Export this network namespace: /proc/PID/ns/net, /run/netns/NAME or NAME. The listening socket stays in ours.</source>
        <translation>导出这个网络命名空间的数据：/proc/PID/ns/net、/run/netns/NAME 或 NAME。HTTP 监听 socket 仍留在当前命名空间。</translation>
    </message>
    <message>
        <source>Export at most N listeners (default 200); tcplens_listeners_omitted counts the rest.</source>
        <translation>最多导出 N 个监听 socket（默认 200）；其余的数量由 tcplens_listeners_omitted 给出。</translation>
    </message>
    <message>
        <source>Sample the listeners&apos; queues every MS milliseconds (default 50).</source>
        <translation>每 MS 毫秒采样一次监听 socket 的队列（默认 50）。</translation>
    </message>
    <message>
        <source>add --metrics (the only thing served so far)</source>
        <translation>请加上 --metrics（目前唯一提供的内容）</translation>
    </message>
    <message>
        <source>one ADDRESS:PORT at most (see tcplens serve --help)</source>
        <translation>最多只能给一个 ADDRESS:PORT（见 tcplens serve --help）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not ADDRESS:PORT (127.0.0.1:9477, [::1]:9477)</source>
        <translation>“%1”不是 ADDRESS:PORT 形式（如 127.0.0.1:9477、[::1]:9477）</translation>
    </message>
    <message>
        <source>--max-listeners takes a number, 0 or more</source>
        <translation>--max-listeners 需要一个不小于 0 的数</translation>
    </message>
    <message>
        <source>--interval takes milliseconds, at least 10</source>
        <translation>--interval 的单位是毫秒，至少为 10</translation>
    </message>
    <message>
        <source>cannot listen at %1: %2</source>
        <translation>无法在 %1 监听：%2</translation>
    </message>
    <message>
        <source>tcplens serve: metrics at http://%1/metrics</source>
        <translation>tcplens serve：指标位于 http://%1/metrics</translation>
    </message>
</context>
<context>
    <name>SysctlCatalog</name>
    <message>
        <source>a range needs numbers min &lt;= max</source>
        <translation>范围需要数字且 min &lt;= max</translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs a number</source>
        <translation>&apos;%1&apos; 需要一个数字</translation>
    </message>
    <message>
        <source>&apos;key&apos; must be a net.* sysctl name</source>
        <translation>&apos;key&apos; 必须是 net.* 形式的 sysctl 名称</translation>
    </message>
    <message>
        <source>&apos;aliases&apos; must be net.* sysctl names</source>
        <translation>&apos;aliases&apos; 必须是 net.* 形式的 sysctl 名称</translation>
    </message>
    <message>
        <source>&apos;path&apos; must be /proc/sys/ followed by the key with dots as slashes</source>
        <translation>&apos;path&apos; 必须是 /proc/sys/ 加上把点换成斜杠的参数名</translation>
    </message>
    <message>
        <source>unknown &apos;type&apos;</source>
        <translation>未知的 &apos;type&apos;</translation>
    </message>
    <message>
        <source>unknown &apos;unit&apos;</source>
        <translation>未知的 &apos;unit&apos;</translation>
    </message>
    <message>
        <source>a removed key needs &apos;removedIn&apos;</source>
        <translation>已移除的参数需要 &apos;removedIn&apos;</translation>
    </message>
    <message>
        <source>a numeric key needs &apos;kernel&apos; with min &lt;= max</source>
        <translation>数值型参数需要 &apos;kernel&apos; 且 min &lt;= max</translation>
    </message>
    <message>
        <source>an enum or boolean needs &apos;values&apos; with their meaning</source>
        <translation>枚举或布尔参数需要 &apos;values&apos; 及其含义</translation>
    </message>
    <message>
        <source>a bitmask needs &apos;bits&apos; with their meaning</source>
        <translation>位掩码需要 &apos;bits&apos; 及其含义</translation>
    </message>
    <message>
        <source>&apos;fields&apos; must name each part</source>
        <translation>&apos;fields&apos; 必须为每个部分命名</translation>
    </message>
    <message>
        <source>&apos;scope&apos; must be namespace or global</source>
        <translation>&apos;scope&apos; 必须是 namespace 或 global</translation>
    </message>
    <message>
        <source>&apos;defaultFrom&apos; must be boot exactly for global keys</source>
        <translation>&apos;defaultFrom&apos; 必须恰好对全局参数取 boot</translation>
    </message>
    <message>
        <source>&apos;summary&apos; and &apos;explanation&apos; are required</source>
        <translation>&apos;summary&apos; 和 &apos;explanation&apos; 是必填项</translation>
    </message>
    <message>
        <source>the catalog is not JSON: %1 at offset %2</source>
        <translation>目录不是 JSON：%1，位于偏移 %2</translation>
    </message>
    <message>
        <source>the catalog has an unknown format (expected &quot;format&quot;: 1)</source>
        <translation>目录格式未知（应为 &quot;format&quot;: 1）</translation>
    </message>
    <message>
        <source>catalog entry %1 (%2): %3</source>
        <translation>目录条目 %1（%2）：%3</translation>
    </message>
    <message>
        <source>catalog entry %1: %2 appears twice</source>
        <translation>目录条目 %1：%2 出现了两次</translation>
    </message>
    <message>
        <source>the built-in sysctl catalog is missing: %1</source>
        <translation>缺少内置的 sysctl 目录：%1</translation>
    </message>
</context>
<context>
    <name>SysctlCommand</name>
    <message>
        <source>-</source>
        <translation>-</translation>
    </message>
    <message>
        <source>kernel default: %1 (%2)</source>
        <translation>内核默认值：%1（%2）</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1；%2</translation>
    </message>
    <message>
        <source>per network namespace</source>
        <translation>每个网络命名空间独立</translation>
    </message>
    <message>
        <source>global</source>
        <translation>全局</translation>
    </message>
    <message>
        <source>writable by this process</source>
        <translation>这个进程可写</translation>
    </message>
    <message>
        <source>not writable by this process</source>
        <translation>这个进程不可写</translation>
    </message>
    <message>
        <source>Common advice gets this wrong: %1</source>
        <translation>常见的建议在这一点上是错的：%1</translation>
    </message>
    <message>
        <source>Checks a value for a sysctl the way the kernel would, and says why a value is refused. Exit code 0: accepted; 1: refused.</source>
        <translation>像内核那样检查某个 sysctl 的取值，并说明值被拒绝的原因。退出码 0：接受；1：拒绝。</translation>
    </message>
    <message>
        <source>Print JSON.</source>
        <translation>输出 JSON。</translation>
    </message>
    <message>
        <source>Check against this network namespace (allowed names, port start).</source>
        <translation>对照这个网络命名空间检查（允许的名称、起始端口）。</translation>
    </message>
    <message>
        <source>The sysctl, e.g. tcp_syn_retries or net.ipv4.tcp_rmem.</source>
        <translation>sysctl 参数，例如 tcp_syn_retries 或 net.ipv4.tcp_rmem。</translation>
    </message>
    <message>
        <source>The value, as it would be written.</source>
        <translation>取值，写法与写入时相同。</translation>
    </message>
    <message>
        <source>takes KEY and VALUE (quote a value with spaces)</source>
        <translation>需要 KEY 和 VALUE（含空格的值请加引号）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not in TCP Lens&apos;s sysctl catalog</source>
        <translation>&apos;%1&apos; 不在 TCP Lens 的 sysctl 目录中</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>Prints TCP-related sysctls with their current value, the kernel&apos;s default, whether they are per network namespace, and what they really do. &apos;sysctl validate KEY VALUE&apos; checks a value; &apos;sysctl lint FILE...&apos; checks sysctl.conf files.</source>
        <translation>列出与 TCP 相关的 sysctl：当前值、内核默认值、是否每个网络命名空间各有一份，以及它们实际的作用。&apos;sysctl validate KEY VALUE&apos; 检查一个取值；&apos;sysctl lint FILE...&apos; 检查 sysctl.conf 文件。</translation>
    </message>
    <message>
        <source>Read this network namespace: /proc/PID/ns/net, /run/netns/NAME or NAME.</source>
        <translation>读取这个网络命名空间：/proc/PID/ns/net、/run/netns/NAME 或 NAME。</translation>
    </message>
    <message>
        <source>Keys to show (default: the whole catalog).</source>
        <translation>要显示的参数（默认：整个目录）。</translation>
    </message>
</context>
<context>
    <name>SysctlDFile</name>
    <message>
        <source>count</source>
        <translation>个数</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>milliseconds</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>pages</source>
        <translation>页</translation>
    </message>
    <message>
        <source>Written by TCP Lens. Install as /etc/sysctl.d/90-tcplens.conf and load with &apos;sysctl --system&apos;. Per-namespace keys apply to the namespace that loads the file: the host&apos;s at boot.</source>
        <translation>由 TCP Lens 生成。请安装为 /etc/sysctl.d/90-tcplens.conf，并用 &apos;sysctl --system&apos; 加载。每个命名空间独立的参数作用于加载这个文件的命名空间：即启动时的主机命名空间。</translation>
    </message>
    <message>
        <source>Range %1 to %2</source>
        <translation>范围 %1 到 %2</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>%1 后</translation>
    </message>
    <message>
        <source>per network namespace</source>
        <translation>每个网络命名空间独立</translation>
    </message>
    <message>
        <source>global (all namespaces)</source>
        <translation>全局（所有命名空间）</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>注意：%1</translation>
    </message>
    <message>
        <source>Was: %1</source>
        <translation>原值：%1</translation>
    </message>
</context>
<context>
    <name>SysctlFileOpener</name>
    <message>
        <source>cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>%1 is read-only in this namespace</source>
        <translation>%1 在这个命名空间中是只读的</translation>
    </message>
</context>
<context>
    <name>SysctlLint</name>
    <message>
        <source>not a setting: a line is &apos;key = value&apos;, a comment starts with &apos;#&apos; or &apos;;&apos;</source>
        <translation>不是设置项：设置行的格式是 &apos;key = value&apos;，注释以 &apos;#&apos; 或 &apos;;&apos; 开头</translation>
    </message>
    <message>
        <source>no key before &apos;=&apos;</source>
        <translation>&apos;=&apos; 前面没有参数名</translation>
    </message>
    <message>
        <source>a glob: systemd-sysctl sets every matching key, TCP Lens does not check them</source>
        <translation>通配符：systemd-sysctl 会设置所有匹配的参数，TCP Lens 不检查它们</translation>
    </message>
    <message>
        <source>not a sysctl key: a key names a file under /proc/sys with &apos;.&apos; or &apos;/&apos; between its parts (net.ipv4.tcp_fin_timeout)</source>
        <translation>不是 sysctl 参数：参数名对应 /proc/sys 下的一个文件，各部分之间用 &apos;.&apos; 或 &apos;/&apos; 分隔（net.ipv4.tcp_fin_timeout）</translation>
    </message>
    <message>
        <source>%1 is set again here; line %2 set it before and this line wins</source>
        <translation>%1 在这里又被设置了一次；第 %2 行之前设置过它，以这一行为准</translation>
    </message>
    <message>
        <source>%1 overrides %2:%3, read earlier</source>
        <translation>%1 覆盖了之前读到的 %2:%3</translation>
    </message>
    <message>
        <source> (the catalog knows %1: %2)</source>
        <translation>（目录中有 %1：%2）</translation>
    </message>
    <message>
        <source>unknown key: this kernel has no /proc/sys/%1%2</source>
        <translation>未知参数：此内核没有 /proc/sys/%1%2</translation>
    </message>
    <message>
        <source>%1 was removed in Linux %2; setting it fails</source>
        <translation>%1 已在 Linux %2 中移除；设置它会失败</translation>
    </message>
    <message>
        <source>%1 is an old name of %2, removed in Linux %3; setting it fails</source>
        <translation>%1 是 %2 的旧名称，已在 Linux %3 中移除；设置它会失败</translation>
    </message>
    <message>
        <source>%1 is global and this network namespace does not show it: it is set on the host for every namespace; its value is checked, not its presence</source>
        <translation>%1 是全局参数，这个网络命名空间里看不到它：它在主机上设置，对所有命名空间生效；这里检查它的值，不检查它是否存在</translation>
    </message>
    <message>
        <source>this kernel has no %1 (a module not loaded, or a newer or older kernel)</source>
        <translation>此内核没有 %1（模块未加载，或内核更新或更旧）</translation>
    </message>
    <message>
        <source>quotes are not part of sysctl.conf: they reach the kernel, which refuses them; write %1</source>
        <translation>sysctl.conf 中不用引号：引号会被原样交给内核，而内核会拒绝；请写成 %1</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
</context>
<context>
    <name>SysctlLintCommand</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is %2 bytes: too large for a sysctl.conf file</source>
        <translation>%1 有 %2 字节：作为 sysctl.conf 文件太大了</translation>
    </message>
    <message>
        <source>%1 is not a text file (it contains NUL bytes)</source>
        <translation>%1 不是文本文件（含有 NUL 字节）</translation>
    </message>
    <message>
        <source>%1 is not UTF-8 text</source>
        <translation>%1 不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>Checks sysctl.conf files against TCP Lens&apos;s catalog and the running kernel: lines that are not &apos;key = value&apos;, keys this kernel does not have or that were removed, values the kernel refuses or that make no sense, keys set twice, later files overriding earlier ones. Files are read in the order given, as the loader would read them.</source>
        <translation>对照 TCP Lens 的目录和正在运行的内核检查 sysctl.conf 文件：不是 &apos;key = value&apos; 形式的行、此内核没有或已移除的参数、内核拒绝或没有意义的值、被设置两次的参数、后面的文件覆盖前面的文件。文件按给定顺序读取，与加载程序的读取方式一致。</translation>
    </message>
    <message>
        <source>Print the findings as a JSON array.</source>
        <translation>以 JSON 数组输出检查结果。</translation>
    </message>
    <message>
        <source>Check against this network namespace: /proc/PID/ns/net, /run/netns/NAME or NAME.</source>
        <translation>对照这个网络命名空间检查：/proc/PID/ns/net、/run/netns/NAME 或 NAME。</translation>
    </message>
    <message>
        <source>sysctl.conf files, e.g. /etc/sysctl.d/*.conf.</source>
        <translation>sysctl.conf 文件，例如 /etc/sysctl.d/*.conf。</translation>
    </message>
    <message>
        <source>name at least one file, e.g. /etc/sysctl.d/*.conf</source>
        <translation>请至少指定一个文件，例如 /etc/sysctl.d/*.conf</translation>
    </message>
</context>
<context>
    <name>SysctlReader</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>removed in Linux %1</source>
        <translation>已在 Linux %1 中移除</translation>
    </message>
    <message>
        <source>global: only the initial network namespace shows it</source>
        <translation>全局：只有初始网络命名空间能看到它</translation>
    </message>
    <message>
        <source>this kernel does not have it</source>
        <translation>此内核没有它</translation>
    </message>
    <message>
        <source>global: one value for the whole kernel, set at boot; no namespace shows a default</source>
        <translation>全局：整个内核只有一个值，在启动时设置；没有哪个命名空间能显示默认值</translation>
    </message>
    <message>
        <source>read from a newly created network namespace</source>
        <translation>读自新建的网络命名空间</translation>
    </message>
    <message>
        <source>read from a newly created network namespace, which copies the initial namespace&apos;s current value (not necessarily the compiled-in default)</source>
        <translation>读自新建的网络命名空间，它会复制初始命名空间的当前值（不一定是编译进内核的默认值）</translation>
    </message>
    <message>
        <source>unknown (%1); documented for Linux 6.18: %2</source>
        <translation>未知（%1）；Linux 6.18 上的文档值：%2</translation>
    </message>
</context>
<context>
    <name>SysctlValidator</name>
    <message>
        <source>&apos;%1&apos;: the kernel refuses a plus sign; write the number without it</source>
        <translation>&apos;%1&apos;：内核不接受加号；请去掉加号再写</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is too long for the kernel&apos;s number parser (21 characters at most)</source>
        <translation>&apos;%1&apos; 对内核的数字解析器来说太长了（最多 21 个字符）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; starts with 0, so the kernel would read it as an octal number; write it without the leading zero</source>
        <translation>&apos;%1&apos; 以 0 开头，内核会把它当作八进制数读取；请去掉开头的零</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an integer</source>
        <translation>&apos;%1&apos; 不是整数</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is far too large</source>
        <translation>&apos;%1&apos; 太大了</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>%1 needs a name; an empty write changes nothing</source>
        <translation>%1 需要一个名称；写入空值不会改变任何东西</translation>
    </message>
    <message>
        <source>%1 needs at least one name; an empty write changes nothing</source>
        <translation>%1 至少需要一个名称；写入空值不会改变任何东西</translation>
    </message>
    <message>
        <source>%1 takes one line; the kernel would ignore everything after the first line</source>
        <translation>%1 只接受一行；内核会忽略第一行之后的所有内容</translation>
    </message>
    <message>
        <source>%1 takes one name without spaces; the kernel would look for &apos;%2&apos; literally and fail</source>
        <translation>%1 只接受一个不含空格的名称；内核会按字面去找 &apos;%2&apos;，然后失败</translation>
    </message>
    <message>
        <source>%1 takes names separated by single spaces</source>
        <translation>%1 接受以单个空格分隔的名称</translation>
    </message>
    <message>
        <source>the names this namespace may choose are unknown; &apos;%1&apos; is not checked</source>
        <translation>不知道这个命名空间可以选择哪些名称；&apos;%1&apos; 未经检查</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not one of the names %2 may take here: %3</source>
        <translation>&apos;%1&apos; 不是 %2 在这里可取的名称之一：%3</translation>
    </message>
    <message>
        <source>%1 was removed in Linux %2: the file no longer exists and writing it fails</source>
        <translation>%1 已在 Linux %2 中移除：该文件已不存在，写入会失败</translation>
    </message>
    <message>
        <source>%1 is read-only: the kernel fills it in</source>
        <translation>%1 是只读的：由内核填写</translation>
    </message>
    <message>
        <source>the value for %1 is longer than %2 characters</source>
        <translation>%1 的值超过了 %2 个字符</translation>
    </message>
    <message>
        <source>%1 needs a value; the kernel accepts an empty write but changes nothing</source>
        <translation>%1 需要一个值；内核接受空写入，但什么也不会改变</translation>
    </message>
    <message>
        <source>%1 needs a value, not only whitespace</source>
        <translation>%1 需要一个值，不能只有空白</translation>
    </message>
    <message>
        <source>%1 needs three integers: %2, %3, %4</source>
        <translation>%1 需要三个整数：%2、%3、%4</translation>
    </message>
    <message numerus="yes">
        <source> (the kernel would change only the first %n and keep the rest)</source>
        <translation>
            <numerusform>（内核只会修改前 %n 个，其余保持不变）</numerusform>
        </translation>
    </message>
    <message>
        <source> (the kernel would ignore the rest)</source>
        <translation>（内核会忽略其余部分）</translation>
    </message>
    <message>
        <source>%1 needs two ports: %2 and %3</source>
        <translation>%1 需要两个端口：%2 和 %3</translation>
    </message>
    <message>
        <source> (the kernel would change only the first)</source>
        <translation>（内核只会修改第一个）</translation>
    </message>
    <message>
        <source>%1 takes one integer; the kernel would keep &apos;%2&apos; and silently ignore the rest</source>
        <translation>%1 只接受一个整数；内核会保留 &apos;%2&apos;，并悄悄忽略其余部分</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 cannot be negative</source>
        <translation>%1 不能为负数</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is read as hexadecimal: %2</source>
        <translation>&apos;%1&apos; 会被当作十六进制读取：%2</translation>
    </message>
    <message>
        <source>each value of %1 must be %2</source>
        <translation>%1 的每个值都必须是 %2</translation>
    </message>
    <message>
        <source>%1 must be %2</source>
        <translation>%1 必须是 %2</translation>
    </message>
    <message>
        <source>: %1 The kernel would accept %2, but it makes no sense.</source>
        <translation>：%1 内核会接受 %2，但这样没有意义。</translation>
    </message>
    <message>
        <source>%1 takes %2</source>
        <translation>%1 取值为 %2</translation>
    </message>
    <message>
        <source>: %1</source>
        <translation>：%1</translation>
    </message>
    <message>
        <source>%1 is a set of bits and cannot be negative</source>
        <translation>%1 是一组比特位，不能为负数</translation>
    </message>
    <message>
        <source>bits %1 of %2 mean nothing on this kernel; known bits: %3</source>
        <translation>%2 的比特 %1 在这个内核上没有含义；已知的比特：%3</translation>
    </message>
    <message>
        <source>bit 0x4 has no effect without bit 0x1 (client)</source>
        <translation>没有比特 0x1（客户端）时，比特 0x4 不起作用</translation>
    </message>
    <message>
        <source>bits 0x200 and 0x400 have no effect without bit 0x2 (server)</source>
        <translation>没有比特 0x2（服务端）时，比特 0x200 和 0x400 不起作用</translation>
    </message>
    <message>
        <source>%1 needs %2 &lt;= %3 &lt;= %4; the kernel would store %5 %6 %7 as given, but it makes no sense</source>
        <translation>%1 要求 %2 &lt;= %3 &lt;= %4；内核会照原样存下 %5 %6 %7，但这样没有意义</translation>
    </message>
    <message>
        <source>%1 must start at %2 or above (net.ipv4.ip_unprivileged_port_start)</source>
        <translation>%1 必须从 %2 或更大的值开始（net.ipv4.ip_unprivileged_port_start）</translation>
    </message>
    <message>
        <source>%1: the first port (%2) must not be above the last (%3)</source>
        <translation>%1：第一个端口（%2）不能大于最后一个（%3）</translation>
    </message>
    <message>
        <source>both ends of %1 are %2: the kernel prefers ends of different parity, so that connect() (even ports) and bind() to port 0 (odd ports) each get half</source>
        <translation>%1 的两端都是%2数：内核更喜欢两端奇偶不同，这样 connect()（偶数端口）和 bind() 到端口 0（奇数端口）各得一半</translation>
    </message>
    <message>
        <source>even</source>
        <translation>偶</translation>
    </message>
    <message>
        <source>odd</source>
        <translation>奇</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 (no bit set)</source>
        <translation>%1（没有置位的比特）</translation>
    </message>
    <message>
        <source>%1 = %2: %3</source>
        <translation>%1 = %2：%3</translation>
    </message>
</context>
<context>
    <name>SysctlWriter</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 was removed in Linux %2</source>
        <translation>%1 已在 Linux %2 中移除</translation>
    </message>
    <message>
        <source>%1 is read-only</source>
        <translation>%1 是只读的</translation>
    </message>
    <message>
        <source>%1 is global: writing it would change every namespace on this machine, so TCP Lens does not</source>
        <translation>%1 是全局参数：写入它会改变这台机器上的所有命名空间，所以 TCP Lens 不写</translation>
    </message>
    <message>
        <source>%1 is global: it can only be set on the host, not in the namespace %2</source>
        <translation>%1 是全局参数：只能在主机上设置，不能在命名空间 %2 中设置</translation>
    </message>
    <message>
        <source>the kernel refused %1 = %2: %3</source>
        <translation>内核拒绝了 %1 = %2：%3</translation>
    </message>
    <message>
        <source>no journal entry %1</source>
        <translation>没有变更日志条目 %1</translation>
    </message>
</context>
<context>
    <name>TcpLens::ChartToolBar</name>
    <message>
        <source>&amp;Window:</source>
        <translation>窗口(&amp;W)：</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 分钟</translation>
    </message>
    <message>
        <source>5 minutes</source>
        <translation>5 分钟</translation>
    </message>
    <message>
        <source>30 minutes</source>
        <translation>30 分钟</translation>
    </message>
    <message>
        <source>How much history the charts keep and show; older samples are dropped</source>
        <translation>图表保留并显示多长的历史；更早的采样会被丢弃</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Hold the charts still; samples keep being collected</source>
        <translation>让图表保持不动；采样仍在继续</translation>
    </message>
    <message>
        <source>Back to Now</source>
        <translation>回到当前</translation>
    </message>
    <message>
        <source>Leave zoom and pan and show the newest samples again (double-click a chart)</source>
        <translation>退出缩放和平移，重新显示最新的采样（双击图表）</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Chart as PNG…</source>
        <translation>将图表导出为 PNG…</translation>
    </message>
    <message>
        <source>Save the charts as shown to a PNG image</source>
        <translation>把当前显示的图表保存为 PNG 图像</translation>
    </message>
    <message>
        <source>Samples as CSV…</source>
        <translation>将采样导出为 CSV…</translation>
    </message>
    <message>
        <source>Save the samples in the shown time range to a CSV file</source>
        <translation>把显示时间范围内的采样保存为 CSV 文件</translation>
    </message>
</context>
<context>
    <name>TcpLens::CollectorWorker</name>
    <message>
        <source>Exact transitions from the kernel&apos;s tracepoint sock:inet_sock_set_state</source>
        <translation>来自内核跟踪点 sock:inet_sock_set_state 的精确状态转换</translation>
    </message>
</context>
<context>
    <name>TcpLens::ConnectToHostDialog</name>
    <message>
        <source>Connect to Host</source>
        <translation>连接到主机</translation>
    </message>
    <message>
        <source>user@host:port</source>
        <translation>user@host:port</translation>
    </message>
    <message>
        <source>&lt;p&gt;TCP Lens runs &lt;code&gt;ssh HOST tcplens agent&lt;/code&gt; and shows that machine&apos;s connections. The host needs TCP Lens installed and a login with your ssh key or agent (no password prompt). Run as root there, or with CAP_NET_ADMIN, the agent sees every socket.&lt;/p&gt;</source>
        <translation>&lt;p&gt;TCP Lens 会运行 &lt;code&gt;ssh HOST tcplens agent&lt;/code&gt;，并显示那台机器的连接。那台主机需要安装 TCP Lens，并允许用你的 ssh 密钥或 ssh-agent 登录（不会提示输入密码）。在那里以 root 或带 CAP_NET_ADMIN 运行时，代理能看到所有 socket。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
    </message>
    <message>
        <source>Not a host: write [user@]host[:port], an IPv6 address in brackets ([::1]:22).</source>
        <translation>不是有效的主机：请写成 [user@]host[:port]，IPv6 地址放在方括号中（[::1]:22）。</translation>
    </message>
</context>
<context>
    <name>TcpLens::ConnectionFilter</name>
    <message>
        <source>&apos;%1&apos; needs %2, e.g. %1:%3</source>
        <translation>&apos;%1&apos; 需要 %2，例如 %1:%3</translation>
    </message>
    <message>
        <source>a port number</source>
        <translation>一个端口号</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a port (0–65535)</source>
        <translation>&apos;%1&apos; 不是端口号（0–65535）</translation>
    </message>
    <message>
        <source>a state</source>
        <translation>一个状态</translation>
    </message>
    <message>
        <source>ambiguous state &apos;%1&apos;: %2 or %3?</source>
        <translation>有歧义的状态 &apos;%1&apos;：是 %2 还是 %3？</translation>
    </message>
    <message>
        <source>unknown state &apos;%1&apos; (states: %2; or tw, fin1, fin2)</source>
        <translation>未知的状态 &apos;%1&apos;（可用的状态：%2；或 tw、fin1、fin2）</translation>
    </message>
    <message>
        <source>an address or part of one</source>
        <translation>一个地址或其一部分</translation>
    </message>
    <message>
        <source>a process name or PID</source>
        <translation>一个进程名或 PID</translation>
    </message>
    <message>
        <source>unknown key &apos;%1&apos; (keys: state, port, lport, rport, addr, proc)</source>
        <translation>未知的键 &apos;%1&apos;（可用的键：state、port、lport、rport、addr、proc）</translation>
    </message>
    <message>
        <source>unknown key &apos;%1&apos; (did you mean %2:?)</source>
        <translation>未知的键 &apos;%1&apos;（你是想用 %2: 吗？）</translation>
    </message>
    <message>
        <source>Filter (Ctrl+F): text  state:estab  state:tw  port:443  addr:10.0.0.1  proc:nginx  -state:listen</source>
        <translation>过滤（Ctrl+F）：文本  state:estab  state:tw  port:443  addr:10.0.0.1  proc:nginx  -state:listen</translation>
    </message>
    <message>
        <source>&lt;p&gt;Words narrow the table: every word must match.&lt;/p&gt;&lt;p&gt;&lt;b&gt;text&lt;/b&gt; anywhere in a row · &lt;b&gt;state:&lt;/b&gt;estab, listen, syn-recv, time-wait, tw, fin1 … (ss or RFC names, any unambiguous prefix) · &lt;b&gt;port:&lt;/b&gt;443 (either end; &lt;b&gt;lport:&lt;/b&gt;443, &lt;b&gt;rport:&lt;/b&gt;443 for one) · &lt;b&gt;addr:&lt;/b&gt;10.0.0 · &lt;b&gt;proc:&lt;/b&gt;nginx or a PID · a leading &lt;b&gt;-&lt;/b&gt; excludes (-state:listen) · the same key twice means either (state:fin1 state:fin2).&lt;/p&gt;</source>
        <translation>&lt;p&gt;输入的词会筛选表格：每个词都必须匹配。&lt;/p&gt;&lt;p&gt;&lt;b&gt;文本&lt;/b&gt;：出现在行中任意位置 · &lt;b&gt;state:&lt;/b&gt;estab、listen、syn-recv、time-wait、tw、fin1 …（ss 或 RFC 的名称，任何无歧义的前缀均可）· &lt;b&gt;port:&lt;/b&gt;443（任一端；只看一端用 &lt;b&gt;lport:&lt;/b&gt;443、&lt;b&gt;rport:&lt;/b&gt;443）· &lt;b&gt;addr:&lt;/b&gt;10.0.0 · &lt;b&gt;proc:&lt;/b&gt;nginx 或一个 PID · 以 &lt;b&gt;-&lt;/b&gt; 开头表示排除（-state:listen）· 同一个键出现两次表示“或”（state:fin1 state:fin2）。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>TcpLens::ConnectionSampleModel</name>
    <message>
        <source>Time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <source>RTT (ms)</source>
        <translation>RTT（毫秒）</translation>
    </message>
    <message>
        <source>cwnd (segments)</source>
        <translation>cwnd（报文段数）</translation>
    </message>
    <message>
        <source>Bytes acked</source>
        <translation>已确认字节</translation>
    </message>
    <message>
        <source>Bytes received</source>
        <translation>已接收字节</translation>
    </message>
    <message>
        <source>Seconds since the connection was first seen</source>
        <translation>自首次看到这个连接以来的秒数</translation>
    </message>
    <message>
        <source>tcpi_rtt: the smoothed round-trip time</source>
        <translation>tcpi_rtt：平滑后的往返时间</translation>
    </message>
    <message>
        <source>tcpi_snd_cwnd: how many segments may be in flight</source>
        <translation>tcpi_snd_cwnd：允许在途的报文段数</translation>
    </message>
    <message>
        <source>tcpi_bytes_acked: bytes we sent that the peer acknowledged</source>
        <translation>tcpi_bytes_acked：我方发送且已被对端确认的字节数</translation>
    </message>
    <message>
        <source>tcpi_bytes_received: bytes we received in order</source>
        <translation>tcpi_bytes_received：按序收到的字节数</translation>
    </message>
</context>
<context>
    <name>TcpLens::ConnectionStateBand</name>
    <message>
        <source>exact</source>
        <translation>精确</translation>
    </message>
    <message>
        <source>polled</source>
        <translation>轮询</translation>
    </message>
    <message>
        <source>inferred</source>
        <translation>推断</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>%1 · widths show durations; short states are widened to stay readable</source>
        <translation>%1 · 宽度表示持续时间；很短的状态被加宽，以便看清</translation>
    </message>
</context>
<context>
    <name>TcpLens::ConnectionTableModel</name>
    <message>
        <source>Accept queue: %1 connections finished the handshake and wait for accept().</source>
        <translation>全连接队列：%1 个连接已完成握手，正在等待 accept()。</translation>
    </message>
    <message>
        <source>%1 bytes received that the application has not read yet.</source>
        <translation>已收到但应用程序尚未读取的 %1 字节。</translation>
    </message>
    <message>
        <source>Accept queue limit: min(listen backlog, net.core.somaxconn) when listen() was called. The queue holds one more than this.</source>
        <translation>全连接队列上限：调用 listen() 时的 min(listen backlog, net.core.somaxconn)。队列实际能多容纳一个。</translation>
    </message>
    <message>
        <source>%1 bytes sent but not yet acknowledged, or not yet sent.</source>
        <translation>已发送但尚未被确认、或尚未发送的 %1 字节。</translation>
    </message>
    <message>
        <source>The kernel&apos;s dump listed this socket, but no process held it when TCP Lens read /proc right after: it came or went in between. The next poll looks again.</source>
        <translation>内核的转储列出了这个 socket，但 TCP Lens 紧接着读取 /proc 时没有进程持有它：它在这期间出现或消失了。下一次轮询会再看一次。</translation>
    </message>
    <message>
        <source>No process TCP Lens can read holds this socket: it belongs to another user&apos;s process (run as root to see it) or to one in another PID namespace.</source>
        <translation>TCP Lens 能读取的进程都不持有这个 socket：它属于其他用户的进程（以 root 运行即可看到），或属于另一个 PID 命名空间中的进程。</translation>
    </message>
    <message>
        <source>The user of the process that holds the socket</source>
        <translation>持有这个 socket 的进程的用户</translation>
    </message>
    <message>
        <source>The user that created the socket (uid %1)</source>
        <translation>创建这个 socket 的用户（uid %1）</translation>
    </message>
    <message>
        <source>A request socket in its listener&apos;s SYN queue: the SYN was answered with SYN-ACK. Either the final ACK has not come, or it came and was held back (accept queue full with tcp_abort_on_overflow = 0, or TCP_DEFER_ACCEPT waiting for data) while the client already counts itself ESTABLISHED.</source>
        <translation>监听 socket 半连接队列中的一个请求 socket：SYN 已用 SYN-ACK 应答。最后的 ACK 要么还没到，要么已经到了但被暂缓（tcp_abort_on_overflow = 0 时全连接队列已满，或 TCP_DEFER_ACCEPT 在等数据），而客户端已经认为自己处于 ESTABLISHED。</translation>
    </message>
    <message>
        <source>A timewait socket: the kernel keeps only the connection&apos;s addresses and sequence numbers, no process holds it.</source>
        <translation>TIME-WAIT socket：内核只保留这个连接的地址和序列号，没有任何进程持有它。</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>协议族</translation>
    </message>
    <message>
        <source>Local address</source>
        <translation>本地地址</translation>
    </message>
    <message>
        <source>Remote address</source>
        <translation>远端地址</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Recv-Q</source>
        <translation>Recv-Q</translation>
    </message>
    <message>
        <source>Send-Q</source>
        <translation>Send-Q</translation>
    </message>
    <message>
        <source>Timer</source>
        <translation>定时器</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>RTT</source>
        <translation>RTT</translation>
    </message>
    <message>
        <source>cwnd</source>
        <translation>cwnd</translation>
    </message>
    <message>
        <source>Retrans</source>
        <translation>重传</translation>
    </message>
    <message>
        <source>Bytes acked / received</source>
        <translation>已确认 / 已接收字节</translation>
    </message>
    <message>
        <source>In state for</source>
        <translation>处于该状态已有</translation>
    </message>
    <message>
        <source>Unread bytes; for a listening socket, the accept queue&apos;s length.</source>
        <translation>未读取的字节；对监听 socket 而言，是全连接队列的当前长度。</translation>
    </message>
    <message>
        <source>Unacknowledged or unsent bytes; for a listening socket, the accept queue&apos;s limit.</source>
        <translation>未确认或未发送的字节；对监听 socket 而言，是全连接队列的上限。</translation>
    </message>
    <message>
        <source>Congestion window, in segments (tcp_info.tcpi_snd_cwnd).</source>
        <translation>拥塞窗口，单位为报文段（tcp_info.tcpi_snd_cwnd）。</translation>
    </message>
    <message>
        <source>Segments retransmitted over the connection&apos;s life (tcp_info.tcpi_total_retrans).</source>
        <translation>连接生命周期内重传的报文段数（tcp_info.tcpi_total_retrans）。</translation>
    </message>
    <message>
        <source>Since the connection entered this state: the kernel&apos;s time in exact mode, otherwise the poll that first saw it.</source>
        <translation>连接进入这个状态的时间：精确模式下是内核记录的时间，否则是首次看到它的那次轮询。</translation>
    </message>
</context>
<context>
    <name>TcpLens::ConnectionTimelineModel</name>
    <message>
        <source>— (the end)</source>
        <translation>—（结束）</translation>
    </message>
    <message>
        <source>ongoing, %1 so far</source>
        <translation>进行中，目前已 %1</translation>
    </message>
    <message>
        <source>≤ %1</source>
        <translation>≤ %1</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>exact (kernel tracepoint)</source>
        <translation>精确（内核跟踪点）</translation>
    </message>
    <message>
        <source>polled</source>
        <translation>轮询</translation>
    </message>
    <message>
        <source>polled: between %1 and %2</source>
        <translation>轮询：在 %1 和 %2 之间</translation>
    </message>
    <message>
        <source>inferred</source>
        <translation>推断</translation>
    </message>
    <message>
        <source>inferred: between %1 and %2</source>
        <translation>推断：在 %1 和 %2 之间</translation>
    </message>
    <message>
        <source>(already in this state at the first poll)</source>
        <translation>（第一次轮询时已处于这个状态）</translation>
    </message>
    <message>
        <source>a listener is waiting for SYNs</source>
        <translation>一个监听 socket 正在等待 SYN</translation>
    </message>
    <message>
        <source>socket(), before connect()</source>
        <translation>socket()，尚未 connect()</translation>
    </message>
    <message>
        <source>(no legal transition from %1: a port reused between polls?)</source>
        <translation>（从 %1 没有合法的状态转换：两次轮询之间端口被复用了？）</translation>
    </message>
    <message>
        <source>Entered %1, %2 after the connection opened</source>
        <translation>进入 %1，在连接建立 %2 之后</translation>
    </message>
    <message>
        <source>How we know: %1</source>
        <translation>我们如何得知：%1</translation>
    </message>
    <message>
        <source>Duration: %1</source>
        <translation>持续时间：%1</translation>
    </message>
    <message>
        <source>Event: %1</source>
        <translation>事件：%1</translation>
    </message>
    <message>
        <source>The change depends on: %1</source>
        <translation>这项修改取决于：%1</translation>
    </message>
    <message>
        <source>The state is governed by: %1</source>
        <translation>这个状态受以下参数控制：%1</translation>
    </message>
    <message>
        <source>%1 (+%2)</source>
        <translation>%1（+%2）</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Entered</source>
        <translation>进入时间</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>持续时间</translation>
    </message>
    <message>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Governed by</source>
        <translation>受哪些参数控制</translation>
    </message>
    <message>
        <source>Time of day, and the time since the connection was first seen</source>
        <translation>当天时间，以及自首次看到这个连接以来的时间</translation>
    </message>
    <message>
        <source>Until the next state. Polls only bound it: a range when they leave doubt</source>
        <translation>直到下一个状态。轮询只能给出界限：有不确定时显示为一个范围</translation>
    </message>
    <message>
        <source>exact: the kernel&apos;s tracepoint reported the change; polled: a poll saw the state, entered since the poll before; inferred: no poll saw it, but no other legal path leads on</source>
        <translation>精确：内核跟踪点报告了这次变化；轮询：某次轮询看到了这个状态，它是在上一次轮询之后进入的；推断：没有哪次轮询看到它，但没有其他合法路径可走</translation>
    </message>
    <message>
        <source>What moves a connection into this state</source>
        <translation>什么会让连接进入这个状态</translation>
    </message>
    <message>
        <source>The net.ipv4 (unless named) sysctls that govern how long a connection stays in this state</source>
        <translation>控制连接在这个状态停留多久的 sysctl（未注明前缀的都是 net.ipv4）</translation>
    </message>
</context>
<context>
    <name>TcpLens::ConnectionTimelineView</name>
    <message>
        <source>GiB</source>
        <translation>GiB</translation>
    </message>
    <message>
        <source>MiB</source>
        <translation>MiB</translation>
    </message>
    <message>
        <source>KiB</source>
        <translation>KiB</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>RTT (ms)</source>
        <translation>RTT（毫秒）</translation>
    </message>
    <message>
        <source>RTT</source>
        <translation>RTT</translation>
    </message>
    <message>
        <source>Congestion window (segments)</source>
        <translation>拥塞窗口（报文段数）</translation>
    </message>
    <message>
        <source>cwnd</source>
        <translation>cwnd</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>acked</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>Select a connection in the table to see its life: every state with its time, and RTT, cwnd and bytes while it lived.</source>
        <translation>在表格中选择一个连接，查看它的一生：每个状态及其时间，以及存活期间的 RTT、cwnd 和字节数。</translation>
    </message>
    <message>
        <source>listening socket (listen())</source>
        <translation>监听 socket（listen()）</translation>
    </message>
    <message>
        <source>server side (accepted from a listener)</source>
        <translation>服务端（由监听 socket accept 而来）</translation>
    </message>
    <message>
        <source>client side (connect())</source>
        <translation>客户端（connect()）</translation>
    </message>
    <message>
        <source>closed %1 ago, after %2</source>
        <translation>%1 前关闭，存在了 %2</translation>
    </message>
    <message>
        <source>open for %1</source>
        <translation>已建立 %1</translation>
    </message>
    <message>
        <source>seen for %1; it was open before the first poll</source>
        <translation>已看到 %1；第一次轮询之前它就已建立</translation>
    </message>
    <message>
        <source>Bytes (%1)</source>
        <translation>字节（%1）</translation>
    </message>
</context>
<context>
    <name>TcpLens::CounterPanel</name>
    <message>
        <source>Connected: data flows both ways</source>
        <translation>已连接：双向传输数据</translation>
    </message>
    <message>
        <source>Our SYN is out, waiting for the SYN-ACK (connect() in progress)</source>
        <translation>我方的 SYN 已发出，正在等待 SYN-ACK（connect() 进行中）</translation>
    </message>
    <message>
        <source>A SYN came and was answered (the SYN queue): waiting for the final ACK, or acked and held back by a full accept queue or TCP_DEFER_ACCEPT</source>
        <translation>收到 SYN 并已应答（半连接队列）：正在等待最后的 ACK，或已收到 ACK 但因全连接队列已满或 TCP_DEFER_ACCEPT 而被暂缓</translation>
    </message>
    <message>
        <source>We closed and sent a FIN; waiting for its ACK</source>
        <translation>我方已关闭并发出 FIN；正在等待对它的 ACK</translation>
    </message>
    <message>
        <source>Our FIN was acknowledged; waiting for the peer&apos;s FIN (tcp_fin_timeout once orphaned)</source>
        <translation>我方的 FIN 已被确认；正在等待对端的 FIN（成为孤儿连接后受 tcp_fin_timeout 限制）</translation>
    </message>
    <message>
        <source>The peer closed; waiting for our process to close() too</source>
        <translation>对端已关闭；正在等待我方进程也调用 close()</translation>
    </message>
    <message>
        <source>Both closed, our FIN is out; waiting for its ACK</source>
        <translation>双方都已关闭，我方的 FIN 已发出；正在等待对它的 ACK</translation>
    </message>
    <message>
        <source>Both sides sent FINs at once; waiting for the ACK of ours</source>
        <translation>双方同时发出了 FIN；正在等待对我方 FIN 的 ACK</translation>
    </message>
    <message>
        <source>Closed first; waiting 60 s so late segments of this connection die out</source>
        <translation>已先关闭；等待 60 秒，让这个连接迟到的报文段消亡</translation>
    </message>
    <message>
        <source>Listening sockets waiting for SYNs</source>
        <translation>正在等待 SYN 的监听 socket</translation>
    </message>
    <message>
        <source>per second</source>
        <translation>每秒</translation>
    </message>
    <message>
        <source>Connections by state</source>
        <translation>各状态的连接数</translation>
    </message>
    <message>
        <source>sockets</source>
        <translation>socket</translation>
    </message>
    <message>
        <source>Changes found while watching: the dashed lines on the charts</source>
        <translation>观察期间发现的变更：图表上的虚线</translation>
    </message>
    <message>
        <source>Rates once a second; hover a curve or legend entry for what it counts</source>
        <translation>每秒速率；把鼠标悬停在曲线或图例上可查看它统计的内容</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Export charts</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Export rates</source>
        <translation>导出速率</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>TcpLens::Diagnoser</name>
    <message>
        <source>no process</source>
        <translation>没有进程</translation>
    </message>
    <message>
        <source>no process: a timewait socket belongs to the kernel alone</source>
        <translation>没有进程：TIME-WAIT socket 只属于内核</translation>
    </message>
    <message>
        <source>no process: a SYN-queue entry is not a socket any process holds</source>
        <translation>没有进程：半连接队列中的条目不是任何进程持有的 socket</translation>
    </message>
    <message>
        <source>no process yet: waiting in the accept queue for accept()</source>
        <translation>暂无进程：正在全连接队列中等待 accept()</translation>
    </message>
    <message>
        <source>no process: closed by its application, the kernel finishes it (an orphan)</source>
        <translation>没有进程：应用程序已关闭它，由内核完成收尾（孤儿连接）</translation>
    </message>
    <message>
        <source>another user&apos;s process (run as root to see which)</source>
        <translation>其他用户的进程（以 root 运行可看到是哪个）</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>an unknown process</source>
        <translation>一个未知进程</translation>
    </message>
    <message>
        <source>not read yet</source>
        <translation>尚未读取</translation>
    </message>
    <message>
        <source>(rate not known yet)</source>
        <translation>（速率尚不可知）</translation>
    </message>
    <message>
        <source>(no listener in this namespace)</source>
        <translation>（这个命名空间中没有监听 socket）</translation>
    </message>
    <message>
        <source>not in this namespace</source>
        <translation>不在这个命名空间中</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>retransmission in %1, %2 sent so far</source>
        <translation>%1 后重传，目前已发送 %2 次</translation>
    </message>
    <message>
        <source>keepalive in %1, %2 probes unanswered</source>
        <translation>%1 后发送保活探测，已有 %2 次探测无应答</translation>
    </message>
    <message>
        <source>ends in %1</source>
        <translation>%1 后结束</translation>
    </message>
    <message>
        <source>zero-window probe in %1, %2 probes so far</source>
        <translation>%1 后发送零窗口探测，目前已探测 %2 次</translation>
    </message>
    <message>
        <source>not reported (no tcp_info for this kind of socket)</source>
        <translation>未报告（这类 socket 没有 tcp_info）</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>In this state for</source>
        <translation>处于这个状态已有</translation>
    </message>
    <message>
        <source>Timer</source>
        <translation>定时器</translation>
    </message>
    <message>
        <source>Recv-Q</source>
        <translation>Recv-Q</translation>
    </message>
    <message>
        <source>Send-Q</source>
        <translation>Send-Q</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>%1 前</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>Accept queue</source>
        <translation>全连接队列</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>SYN queue</source>
        <translation>半连接队列</translation>
    </message>
    <message>
        <source>Listener</source>
        <translation>监听 socket</translation>
    </message>
    <message>
        <source>Other end</source>
        <translation>对端</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>%1: %2 connections, port range %3</source>
        <translation>%1：%2 个连接，端口范围 %3</translation>
    </message>
    <message>
        <source>%1 (not rising just now)</source>
        <translation>%1（此刻没有上升）</translation>
    </message>
    <message>
        <source>%1 (%2/s)</source>
        <translation>%1（%2/秒）</translation>
    </message>
</context>
<context>
    <name>TcpLens::Formatting</name>
    <message>
        <source>0 s</source>
        <translation>0 秒</translation>
    </message>
    <message>
        <source>%1 ns</source>
        <translation>%1 纳秒</translation>
    </message>
    <message>
        <source>%1 µs</source>
        <translation>%1 微秒</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
</context>
<context>
    <name>TcpLens::LabPanel</name>
    <message>
        <source>The lessons&apos; scenarios. Each runs in a network namespace of its own; nothing of this machine&apos;s network is touched.</source>
        <translation>课程的场景。每个场景都运行在独立的网络命名空间中；这台机器自己的网络不受任何影响。</translation>
    </message>
    <message>
        <source>Start Lab</source>
        <translation>开始实验</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Run the steps one after another (F8); again to pause after this step</source>
        <translation>一步接一步地运行（F8）；再按一次则在这一步之后暂停</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Run the next step, then wait (F10)</source>
        <translation>运行下一步，然后等待（F10）</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Close the lab&apos;s sockets, put its sysctls back and start from the first step (Ctrl+Shift+F8)</source>
        <translation>关闭实验室的 socket，恢复它的 sysctl，并从第一步重新开始（Ctrl+Shift+F8）</translation>
    </message>
    <message>
        <source>Step %1: %2</source>
        <translation>第 %1 步：%2</translation>
    </message>
    <message>
        <source>%1 (does not parse)</source>
        <translation>%1（无法解析）</translation>
    </message>
    <message>
        <source>Lesson %1 · %2</source>
        <translation>课程 %1 · %2</translation>
    </message>
    <message>
        <source>&lt;p&gt;Choose a lesson above and press &lt;b&gt;Start Lab&lt;/b&gt;. TCP Lens makes a network namespace of its own for it, runs the lesson&apos;s programs there on this kernel, and shows, for every claim of the lesson, what this kernel did.&lt;/p&gt;&lt;p&gt;The table, the diagram and the charts then watch the lab instead of this machine, until you leave the lab.&lt;/p&gt;</source>
        <translation>&lt;p&gt;在上方选择一课，然后按 &lt;b&gt;开始实验&lt;/b&gt;。TCP Lens 会为它创建一个独立的网络命名空间，在此内核上运行这一课的程序，并针对课程中的每条论断，展示这个内核实际做了什么。&lt;/p&gt;&lt;p&gt;此后表格、状态图和图表观察的是实验室，而不是这台机器，直到你离开实验室。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Leave Lab</source>
        <translation>离开实验室</translation>
    </message>
    <message>
        <source>&lt;p&gt;Making the lab&apos;s network namespace…&lt;/p&gt;</source>
        <translation>&lt;p&gt;正在创建实验室的网络命名空间…&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The lab is ready: %1 steps. Press &lt;b&gt;Play&lt;/b&gt; (F8) to run them, or &lt;b&gt;Step&lt;/b&gt; (F10) to take one at a time.&lt;/p&gt;</source>
        <translation>&lt;p&gt;实验室已就绪：共 %1 步。按 &lt;b&gt;播放&lt;/b&gt;（F8）全部运行，或按 &lt;b&gt;单步&lt;/b&gt;（F10）一次走一步。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1 held · %2 disagree</source>
        <translation>%1 条成立 · %2 条不符</translation>
    </message>
    <message>
        <source>Step %1 of %2: %3</source>
        <translation>第 %1 步，共 %2 步：%3</translation>
    </message>
    <message>
        <source>Done: this kernel did what every claim says.</source>
        <translation>完成：这个内核的行为与每条论断一致。</translation>
    </message>
    <message numerus="yes">
        <source>Done: this kernel disagrees with %n claim(s).</source>
        <translation>
            <numerusform>完成：这个内核与 %n 条论断不符。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n claim(s) skipped.</source>
        <translation>
            <numerusform>跳过了 %n 条论断。</numerusform>
        </translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
</context>
<context>
    <name>TcpLens::LabRunModel</name>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>✓ all held</source>
        <translation>✓ 全部成立</translation>
    </message>
    <message>
        <source>✗ disagrees</source>
        <translation>✗ 不符</translation>
    </message>
    <message>
        <source>waiting…</source>
        <translation>等待中…</translation>
    </message>
    <message>
        <source>✓ held</source>
        <translation>✓ 成立</translation>
    </message>
    <message>
        <source>✗ this kernel disagrees</source>
        <translation>✗ 此内核不符</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Holds when the value is %1</source>
        <translation>当值为 %1 时成立</translation>
    </message>
    <message>
        <source>This kernel: %1</source>
        <translation>此内核：%1</translation>
    </message>
    <message>
        <source>Step and what the kernel should do</source>
        <translation>步骤，以及内核应当做什么</translation>
    </message>
    <message>
        <source>What this kernel did</source>
        <translation>这个内核实际做了什么</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
</context>
<context>
    <name>TcpLens::LabSource</name>
    <message>
        <source>Cannot start the lab&apos;s helper %1: %2</source>
        <translation>无法启动实验室的辅助程序 %1：%2</translation>
    </message>
    <message>
        <source>The lab needs %1, which is neither beside TCP Lens nor installed in %2.</source>
        <translation>实验室需要 %1，但它既不在 TCP Lens 旁边，也没有安装在 %2 中。</translation>
    </message>
    <message>
        <source>Cannot make the lab&apos;s descriptor channel: %1</source>
        <translation>无法建立实验室的描述符通道：%1</translation>
    </message>
    <message>
        <source>Exact mode is unavailable in a lab run as an ordinary user: the tracepoint needs CAP_PERFMON. Polling instead.</source>
        <translation>以普通用户身份运行的实验室无法使用精确模式：跟踪点需要 CAP_PERFMON。改为轮询。</translation>
    </message>
    <message>
        <source>The lab&apos;s helper sent something that is not an event: %1</source>
        <translation>实验室的辅助程序发来了不是事件的内容：%1</translation>
    </message>
    <message>
        <source>Step %1: %2</source>
        <translation>第 %1 步：%2</translation>
    </message>
    <message>
        <source>the lab</source>
        <translation>实验室</translation>
    </message>
    <message>
        <source>A mark of the lab&apos;s scenario</source>
        <translation>实验场景的一个标记</translation>
    </message>
    <message>
        <source>The lab&apos;s helper ended (exit status %1).</source>
        <translation>实验室的辅助程序已结束（退出状态 %1）。</translation>
    </message>
    <message>
        <source>The lab&apos;s helper ended: %1</source>
        <translation>实验室的辅助程序已结束：%1</translation>
    </message>
</context>
<context>
    <name>TcpLens::ListenerPanel</name>
    <message>
        <source>Accept and SYN queue of the selected listener</source>
        <translation>选中监听 socket 的全连接队列和半连接队列</translation>
    </message>
    <message>
        <source>Accept queue</source>
        <translation>全连接队列</translation>
    </message>
    <message>
        <source>Queue limit</source>
        <translation>队列上限</translation>
    </message>
    <message>
        <source>SYN queue</source>
        <translation>半连接队列</translation>
    </message>
    <message>
        <source>Overflows</source>
        <translation>溢出</translation>
    </message>
    <message>
        <source>Drops</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <source>Connections that completed the handshake and wait for accept() (idiag_rqueue, sk_ack_backlog)</source>
        <translation>已完成握手、正在等待 accept() 的连接（idiag_rqueue，sk_ack_backlog）</translation>
    </message>
    <message>
        <source>min(backlog, net.core.somaxconn) when listen() ran. sk_acceptq_is_full() compares with &apos;&gt;&apos;, so the queue holds one more than this</source>
        <translation>调用 listen() 时的 min(backlog, net.core.somaxconn)。sk_acceptq_is_full() 用 &apos;&gt;&apos; 比较，所以队列能比它多容纳一个</translation>
    </message>
    <message>
        <source>Request sockets (SYN-RECV) in the SYN queue: waiting for the client&apos;s final ACK, or acked and held back because the accept queue was full or TCP_DEFER_ACCEPT waits for data</source>
        <translation>半连接队列中的请求 socket（SYN-RECV）：正在等待客户端最后的 ACK，或已收到 ACK，但因全连接队列已满或 TCP_DEFER_ACCEPT 在等数据而被暂缓</translation>
    </message>
    <message>
        <source>TcpExt.ListenOverflows attributed to this listener: a handshake completed (or a SYN came) while its accept queue was full; the kernel dropped it, and the request socket retransmits its SYN-ACK until the client&apos;s answer finds room</source>
        <translation>归到这个监听 socket 名下的 TcpExt.ListenOverflows：握手完成（或 SYN 到达）时它的全连接队列已满；内核丢弃了它，请求 socket 会不断重传 SYN-ACK，直到客户端的应答遇到队列有空位</translation>
    </message>
    <message>
        <source>TcpExt.ListenDrops beyond the overflows, attributed to this listener: SYNs dropped before the accept queue (SYN queue full with tcp_syncookies = 0, the tcp_max_syn_backlog 3/4 rule, no memory). With cookies on, a full SYN queue drops nothing</source>
        <translation>归到这个监听 socket 名下、溢出以外的 TcpExt.ListenDrops：在进入全连接队列之前就被丢弃的 SYN（tcp_syncookies = 0 时半连接队列已满、tcp_max_syn_backlog 的 3/4 规则、内存不足）。开启 cookie 时，半连接队列满了也不会丢弃任何 SYN</translation>
    </message>
    <message>
        <source>Waiting for the first sample…</source>
        <translation>正在等待第一次采样…</translation>
    </message>
    <message>
        <source>Sampling failed: %1</source>
        <translation>采样失败：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n listener(s), last tick %1 ms</source>
        <translation>
            <numerusform>%n 个监听 socket，最近一次采样 %1 毫秒</numerusform>
        </translation>
    </message>
    <message>
        <source>Overflows and drops no listener could be held responsible for (a queue filled and drained between two samples): %1 overflows, %2 drops</source>
        <translation>无法归到任何监听 socket 名下的溢出和丢弃（某个队列在两次采样之间被填满又被取空）：%1 次溢出，%2 次丢弃</translation>
    </message>
    <message>
        <source>Queues of %1, in connections</source>
        <translation>%1 的队列，单位为连接数</translation>
    </message>
    <message>
        <source>Click a listener to chart its accept and SYN queues.</source>
        <translation>点击一个监听 socket，绘制它的全连接队列和半连接队列。</translation>
    </message>
    <message>
        <source>Charting %1. Click another listener to chart it instead.</source>
        <translation>正在绘制 %1。点击另一个监听 socket 即可改为绘制它。</translation>
    </message>
    <message>
        <source>Charting the busiest listener, %1. Click another listener to chart it instead.</source>
        <translation>正在绘制最繁忙的监听 socket %1。点击另一个监听 socket 即可改为绘制它。</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Export samples</source>
        <translation>导出采样</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>TcpLens::ListenerTableModel</name>
    <message>
        <source>min(backlog, net.core.somaxconn) when listen() ran; the queue holds one more (sk_acceptq_is_full() compares with &apos;&gt;&apos;)</source>
        <translation>调用 listen() 时的 min(backlog, net.core.somaxconn)；队列能多容纳一个（sk_acceptq_is_full() 用 &apos;&gt;&apos; 比较）</translation>
    </message>
    <message>
        <source>TcpExt.ListenOverflows attributed to this listener: a handshake completed while its accept queue was full</source>
        <translation>归到这个监听 socket 名下的 TcpExt.ListenOverflows：握手完成时它的全连接队列已满</translation>
    </message>
    <message>
        <source>Other TcpExt.ListenDrops attributed to this listener: SYNs dropped before the accept queue (SYN queue full with cookies off, tcp_max_syn_backlog&apos;s 3/4 rule, no memory)</source>
        <translation>归到这个监听 socket 名下的其他 TcpExt.ListenDrops：在进入全连接队列之前就被丢弃的 SYN（关闭 cookie 时半连接队列已满、tcp_max_syn_backlog 的 3/4 规则、内存不足）</translation>
    </message>
    <message>
        <source>Listening on</source>
        <translation>监听于</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>Accept queue</source>
        <translation>全连接队列</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>SYN queue</source>
        <translation>半连接队列</translation>
    </message>
    <message>
        <source>Overflows</source>
        <translation>溢出</translation>
    </message>
    <message>
        <source>Drops</source>
        <translation>丢弃</translation>
    </message>
</context>
<context>
    <name>TcpLens::MainWindow</name>
    <message>
        <source>TCP Lens</source>
        <translation>TCP Lens</translation>
    </message>
    <message>
        <source>Cannot read the kernel&apos;s sockets: %1</source>
        <translation>无法读取内核的 socket：%1</translation>
    </message>
    <message>
        <source>Rows the filter lets through, of the rows in the table</source>
        <translation>通过过滤的行数 / 表格中的总行数</translation>
    </message>
    <message>
        <source>Ignored: %1</source>
        <translation>已忽略：%1</translation>
    </message>
    <message>
        <source>Right-click to choose the columns or size them to their contents</source>
        <translation>右键单击可选择显示的列，或按内容调整列宽</translation>
    </message>
    <message>
        <source>State Diagram</source>
        <translation>状态图</translation>
    </message>
    <message>
        <source>Connection Timeline</source>
        <translation>连接时间线</translation>
    </message>
    <message>
        <source>Listeners</source>
        <translation>监听 socket</translation>
    </message>
    <message>
        <source>Counters</source>
        <translation>计数器</translation>
    </message>
    <message>
        <source>Sysctls</source>
        <translation>Sysctls</translation>
    </message>
    <message>
        <source>Lab</source>
        <translation>实验室</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Why Is It Here?</source>
        <translation>它为什么在这里？</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Save &amp;Screenshot…</source>
        <translation>保存截图(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Copy Row</source>
        <translation>复制该行(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Filter…</source>
        <translation>过滤(&amp;F)…</translation>
    </message>
    <message>
        <source>C&amp;lear Filter</source>
        <translation>清除过滤(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Pause Display</source>
        <translation>暂停显示(&amp;P)</translation>
    </message>
    <message>
        <source>Freeze the table and hold the diagram&apos;s animations; collection goes on, so nothing is missed (Space)</source>
        <translation>冻结表格，并暂停状态图的动画；采集仍在继续，不会漏掉任何东西（空格）</translation>
    </message>
    <message>
        <source>Step &amp;Forward</source>
        <translation>前进一步(&amp;F)</translation>
    </message>
    <message>
        <source>Step &amp;Back</source>
        <translation>后退一步(&amp;B)</translation>
    </message>
    <message>
        <source>Playback &amp;Speed</source>
        <translation>播放速度(&amp;S)</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>1/%1</source>
        <translation>1/%1</translation>
    </message>
    <message>
        <source>&amp;Refresh Now</source>
        <translation>立即刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Size &amp;Columns to Contents</source>
        <translation>按内容调整列宽(&amp;C)</translation>
    </message>
    <message>
        <source>Bring %1 forward; hide it when it is already in front</source>
        <translation>把 %1 调到前面；已在最前面时则隐藏它</translation>
    </message>
    <message>
        <source>&amp;Lab</source>
        <translation>实验室(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Start or Leave the Lab</source>
        <translation>进入或离开实验室(&amp;S)</translation>
    </message>
    <message>
        <source>Run the scenario chosen in the Lab panel in a namespace of its own, or go back to watching this machine</source>
        <translation>在独立的命名空间中运行在实验室面板中选择的场景，或回到观察这台机器</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About TCP Lens</source>
        <translation>关于 TCP Lens(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
    <message>
        <source>Waiting for the first dump…</source>
        <translation>正在等待第一次转储…</translation>
    </message>
    <message>
        <source>TCP Lens&apos;s own</source>
        <translation>与 TCP Lens 相同</translation>
    </message>
    <message>
        <source>Lab: %1</source>
        <translation>实验室：%1</translation>
    </message>
    <message>
        <source>&lt;p&gt;A lab: the scenario &lt;b&gt;%1&lt;/b&gt; runs in a network namespace TCP Lens made for it (%2), on this machine&apos;s kernel (Linux %3). Nothing of this machine&apos;s own network is touched.&lt;/p&gt;&lt;p&gt;Leave the lab (Ctrl+L) to watch this machine again.&lt;/p&gt;</source>
        <translation>&lt;p&gt;实验室：场景 &lt;b&gt;%1&lt;/b&gt; 运行在 TCP Lens 为它创建的网络命名空间中（%2），使用这台机器的内核（Linux %3）。这台机器自己的网络不受任何影响。&lt;/p&gt;&lt;p&gt;离开实验室（Ctrl+L）即可重新观察这台机器。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>TCP Lens — Lab: %1</source>
        <translation>TCP Lens — 实验室：%1</translation>
    </message>
    <message>
        <source>%1 · network namespace: %2</source>
        <translation>%1 · 网络命名空间：%2</translation>
    </message>
    <message>
        <source>exact transitions (with CAP_PERFMON)</source>
        <translation>精确状态转换（需要 CAP_PERFMON）</translation>
    </message>
    <message>
        <source>owning processes</source>
        <translation>所属进程</translation>
    </message>
    <message>
        <source>sysctl changes</source>
        <translation>sysctl 修改</translation>
    </message>
    <message>
        <source>&lt;p&gt;Watching the kernel of &lt;b&gt;%1&lt;/b&gt; (Linux %2), %3.&lt;/p&gt;&lt;p&gt;This source offers: %4.&lt;/p&gt;%5</source>
        <translation>&lt;p&gt;正在观察 &lt;b&gt;%1&lt;/b&gt; 的内核（Linux %2），%3。&lt;/p&gt;&lt;p&gt;这个数据源提供：%4。&lt;/p&gt;%5</translation>
    </message>
    <message>
        <source>&lt;p&gt;Not here: %1.&lt;/p&gt;</source>
        <translation>&lt;p&gt;这里没有：%1。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>TCP Lens — %1</source>
        <translation>TCP Lens — %1</translation>
    </message>
    <message>
        <source>TCP Lens — %1, %2</source>
        <translation>TCP Lens — %1，%2</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>polling every %1 s (slowed down: dumps take long here)</source>
        <translation>每 %1 秒轮询一次（已放慢：这里的转储耗时较长）</translation>
    </message>
    <message>
        <source>polling at %1 Hz</source>
        <translation>以 %1 Hz 轮询</translation>
    </message>
    <message>
        <source>Exact transitions from the kernel, %1</source>
        <translation>来自内核的精确状态转换，%1</translation>
    </message>
    <message>
        <source>Inferred between polls, %1</source>
        <translation>在两次轮询之间推断，%1</translation>
    </message>
    <message numerus="yes">
        <source> (%n event(s) lost to full ring buffers; those steps are inferred)</source>
        <translation>
            <numerusform>（%n 个事件因环形缓冲区已满而丢失；这些步骤是推断出来的）</numerusform>
        </translation>
    </message>
    <message>
        <source>Display paused (Space resumes): every view holds still; collection goes on, nothing is missed</source>
        <translation>显示已暂停（按空格继续）：所有视图保持不动；采集仍在继续，不会漏掉任何东西</translation>
    </message>
    <message>
        <source> — no exact mode: %1</source>
        <translation> — 没有精确模式：%1</translation>
    </message>
    <message>
        <source>States between two polls are inferred from RFC 9293&apos;s diagram. Exact mode (Preferences) needs CAP_PERFMON.</source>
        <translation>两次轮询之间的状态是根据 RFC 9293 的状态图推断的。精确模式（首选项）需要 CAP_PERFMON。</translation>
    </message>
    <message numerus="yes">
        <source>%n socket(s), %1 listening</source>
        <translation>
            <numerusform>%n 个 socket，%1 个在监听</numerusform>
        </translation>
    </message>
    <message>
        <source>Collecting: last dump %1 ms at %2</source>
        <translation>采集中：最近一次转储 %1 毫秒，于 %2</translation>
    </message>
    <message>
        <source>Last dump %1 ms at %2</source>
        <translation>最近一次转储 %1 毫秒，于 %2</translation>
    </message>
    <message>
        <source>Copy Row</source>
        <translation>复制该行</translation>
    </message>
    <message>
        <source>Filter by Local Port %1</source>
        <translation>按本地端口 %1 过滤</translation>
    </message>
    <message>
        <source>Filter by Remote Port %1</source>
        <translation>按远端端口 %1 过滤</translation>
    </message>
    <message>
        <source>Filter by Process %1</source>
        <translation>按进程 %1 过滤</translation>
    </message>
    <message>
        <source>Filter by State %1</source>
        <translation>按状态 %1 过滤</translation>
    </message>
    <message>
        <source>Follow This Connection</source>
        <translation>跟随这个连接</translation>
    </message>
    <message>
        <source>Size Columns to Contents</source>
        <translation>按内容调整列宽</translation>
    </message>
    <message>
        <source>Show All Columns</source>
        <translation>显示所有列</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Save Screenshot</source>
        <translation>保存截图</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Screenshot not saved</source>
        <translation>截图未保存</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>About TCP Lens</source>
        <translation>关于 TCP Lens</translation>
    </message>
    <message>
        <source>&lt;h3&gt;TCP Lens %1&lt;/h3&gt;&lt;p&gt;The kernel&apos;s TCP connections as they live and die, read live from sock_diag, and why.&lt;/p&gt;&lt;p&gt;Licensed under the GNU General Public License, version 2 or later.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;TCP Lens %1&lt;/h3&gt;&lt;p&gt;内核中 TCP 连接的生与灭，实时读自 sock_diag，并告诉你原因。&lt;/p&gt;&lt;p&gt;以 GNU 通用公共许可证第 2 版或更高版本授权。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Sysctl changes still in force</source>
        <translation>仍在生效的 sysctl 修改</translation>
    </message>
    <message numerus="yes">
        <source>TCP Lens changed %n sysctl(s) of this machine, still in force.</source>
        <translation>
            <numerusform>TCP Lens 修改了这台机器的 %n 个 sysctl，它们仍在生效。</numerusform>
        </translation>
    </message>
    <message>
        <source>They stay until the next reboot unless they are reverted. The journal keeps them either way, so they can be reverted later from the Sysctls panel.</source>
        <translation>除非还原，它们会一直保留到下次重启。无论如何，变更日志都会记下它们，之后可以在 Sysctls 面板中还原。</translation>
    </message>
    <message>
        <source>Revert and Quit</source>
        <translation>还原并退出</translation>
    </message>
    <message>
        <source>Keep and Quit</source>
        <translation>保留并退出</translation>
    </message>
    <message>
        <source>Not every sysctl change could be reverted; the Sysctls panel says why</source>
        <translation>并非所有 sysctl 修改都能还原；Sysctls 面板中有原因说明</translation>
    </message>
    <message>
        <source>Cannot play the recording: %1</source>
        <translation>无法播放录制：%1</translation>
    </message>
    <message>
        <source>&amp;Open Recording…</source>
        <translation>打开录制(&amp;O)…</translation>
    </message>
    <message>
        <source>Replay a recording made with File → Record or tcplens record</source>
        <translation>回放用“文件 → 录制”或 tcplens record 做的录制</translation>
    </message>
    <message>
        <source>Open Recording</source>
        <translation>打开录制</translation>
    </message>
    <message>
        <source>TCP Lens recordings (*.tcplens);;All files (*)</source>
        <translation>TCP Lens 录制 (*.tcplens);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot Open the Recording</source>
        <translation>无法打开录制</translation>
    </message>
    <message>
        <source>Recording: %1 · %2, %3</source>
        <translation>录制：%1 · %2，%3</translation>
    </message>
    <message>
        <source>&lt;p&gt;A recording: &lt;b&gt;%1&lt;/b&gt;, made on &lt;b&gt;%2&lt;/b&gt; (Linux %3, network namespace: %4) on %5 by %6.&lt;/p&gt;&lt;p&gt;Nothing here is live: what the table, the diagram and the charts show is what the kernel showed then. Back to Live (in the playback bar) watches this machine again.&lt;/p&gt;</source>
        <translation>&lt;p&gt;一份录制：&lt;b&gt;%1&lt;/b&gt;，录于 &lt;b&gt;%2&lt;/b&gt;（Linux %3，网络命名空间：%4），时间 %5，由 %6 录制。&lt;/p&gt;&lt;p&gt;这里没有实时数据：表格、状态图和图表显示的是内核当时的样子。点播放栏里的“回到实时”可重新观察本机。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>TCP Lens — Recording: %1 (%2, %3)</source>
        <translation>TCP Lens — 录制：%1（%2，%3）</translation>
    </message>
    <message>
        <source>Replaying a recording made with exact transitions</source>
        <translation>正在回放录制（录制时读取了精确的状态变化）</translation>
    </message>
    <message>
        <source>Replaying a recording made by polling</source>
        <translation>正在回放录制（录制时采用轮询）</translation>
    </message>
    <message>
        <source>&amp;Connect to Host…</source>
        <translation>连接到主机(&amp;C)…</translation>
    </message>
    <message>
        <source>Not a host: %1 (write [user@]host[:port])</source>
        <translation>不是有效的主机：%1（请写成 [user@]host[:port]）</translation>
    </message>
    <message>
        <source>TCP Lens — %1 (remote, ssh %2)</source>
        <translation>TCP Lens — %1（远程，ssh %2）</translation>
    </message>
    <message>
        <source>%1 over ssh · network namespace: %2</source>
        <translation>%1（通过 ssh）· 网络命名空间：%2</translation>
    </message>
    <message>
        <source>the agent&apos;s own</source>
        <translation>代理自己的</translation>
    </message>
</context>
<context>
    <name>TcpLens::OwnerTexts</name>
    <message>
        <source>— (kernel only: TIME-WAIT)</source>
        <translation>—（只属于内核：TIME-WAIT）</translation>
    </message>
    <message>
        <source>— (orphan: closed by its process)</source>
        <translation>—（孤儿连接：已被进程关闭）</translation>
    </message>
    <message>
        <source>— (SYN queue)</source>
        <translation>—（半连接队列）</translation>
    </message>
    <message>
        <source>— (not accepted yet)</source>
        <translation>—（尚未 accept）</translation>
    </message>
    <message>
        <source>? (not visible: another user&apos;s process, or another PID namespace)</source>
        <translation>?（看不到：属于其他用户的进程，或在另一个 PID 命名空间中）</translation>
    </message>
    <message>
        <source>… (not resolved yet)</source>
        <translation>…（尚未解析）</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
</context>
<context>
    <name>TcpLens::PlaybackBar</name>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>1/%1×</source>
        <translation>1/%1×</translation>
    </message>
    <message>
        <source>Playback</source>
        <translation>回放</translation>
    </message>
    <message>
        <source>Pause Recording</source>
        <translation>暂停回放</translation>
    </message>
    <message>
        <source>Next Transition</source>
        <translation>下一次状态变化</translation>
    </message>
    <message>
        <source>Play until a socket changes state, then pause (Ctrl+Right)</source>
        <translation>播放到某个套接字改变状态，然后暂停（Ctrl+→）</translation>
    </message>
    <message>
        <source>Next Marker</source>
        <translation>下一个标记</translation>
    </message>
    <message>
        <source>Jump to the next marker: a lab step, a sysctl change, a note (Ctrl+Shift+Right)</source>
        <translation>跳到下一个标记：实验步骤、sysctl 修改或备注（Ctrl+Shift+→）</translation>
    </message>
    <message>
        <source>Drag to show the recording at another moment</source>
        <translation>拖动以查看录制中的另一时刻</translation>
    </message>
    <message>
        <source>Recording position</source>
        <translation>回放位置</translation>
    </message>
    <message>
        <source>Playback speed, against the pace it was recorded at</source>
        <translation>回放速度（相对于录制时的速度）</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>回放速度</translation>
    </message>
    <message>
        <source>Back to Live</source>
        <translation>回到实时</translation>
    </message>
    <message>
        <source>Close the recording and watch this machine&apos;s kernel again</source>
        <translation>关闭录制，重新观察本机内核</translation>
    </message>
    <message>
        <source>%1 holds nothing to play yet: it was made, and nothing was recorded into it</source>
        <translation>%1 中还没有可播放的内容：文件已创建，但尚未录入任何数据</translation>
    </message>
    <message>
        <source>Recorded on %1 at %2</source>
        <translation>录于 %1，时间 %2</translation>
    </message>
    <message>
        <source>Play Again from the Start</source>
        <translation>从头再播放</translation>
    </message>
    <message>
        <source>Play Recording</source>
        <translation>播放录制</translation>
    </message>
    <message>
        <source>%1 / %2 · %3</source>
        <extracomment>the position in a recording and its length, then the wall-clock time it was recorded at</extracomment>
        <translation>%1 / %2 · %3</translation>
    </message>
</context>
<context>
    <name>TcpLens::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>How often the kernel&apos;s sockets are dumped. Faster shows more steps as polled instead of inferred; on a machine with 100,000 sockets a dump takes about 0.1 s, and TCP Lens slows down by itself when dumps take too long.</source>
        <translation>多久转储一次内核的 socket。间隔越短，越多步骤是轮询到的而不是推断的；在有 100,000 个 socket 的机器上一次转储约需 0.1 秒，转储太慢时 TCP Lens 会自动放慢。</translation>
    </message>
    <message>
        <source>&amp;Poll interval:</source>
        <translation>轮询间隔(&amp;P)：</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>How long a closed connection stays available for its timeline and path.</source>
        <translation>已关闭的连接在多长时间内仍可查看它的时间线和路径。</translation>
    </message>
    <message>
        <source>Keep closed connections &amp;for:</source>
        <translation>已关闭的连接保留(&amp;F)：</translation>
    </message>
    <message>
        <source>At most this many closed connections are kept, the oldest go first: memory stays bounded under heavy churn.</source>
        <translation>最多保留这么多个已关闭的连接，最旧的先删除：即使连接频繁创建和关闭，内存占用也有上限。</translation>
    </message>
    <message>
        <source> connections</source>
        <translation> 个连接</translation>
    </message>
    <message>
        <source>Keep at &amp;most:</source>
        <translation>最多保留(&amp;M)：</translation>
    </message>
    <message>
        <source>Read &amp;exact transitions from the kernel when permitted</source>
        <translation>在有权限时从内核读取精确的状态转换(&amp;E)</translation>
    </message>
    <message>
        <source>Uses the tracepoint sock:inet_sock_set_state through perf_event_open. Needs CAP_PERFMON (or root); without it TCP Lens polls and infers the steps in between.</source>
        <translation>通过 perf_event_open 使用跟踪点 sock:inet_sock_set_state。需要 CAP_PERFMON（或 root）；没有它时 TCP Lens 会轮询，并推断中间的步骤。</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>Follow the system (%1)</source>
        <translation>跟随系统（%1）</translation>
    </message>
    <message>
        <source>The language of the window, the explanations and the lessons. Following the system means LANGUAGE, LC_ALL, LC_MESSAGES or LANG; --lang chooses for one run.</source>
        <translation>窗口、解释和课程所用的语言。跟随系统即依据 LANGUAGE、LC_ALL、LC_MESSAGES 或 LANG；--lang 可为单次运行选择语言。</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>A new language takes effect when TCP Lens starts again.</source>
        <translation>新的语言将在 TCP Lens 下次启动时生效。</translation>
    </message>
</context>
<context>
    <name>TcpLens::ProblemFilterBar</name>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Show every row again (Esc in the table)</source>
        <translation>重新显示所有行（在表格中按 Esc）</translation>
    </message>
    <message>
        <source>No rows left of: %1</source>
        <translation>没有剩下的行，属于：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) of: %1</source>
        <translation>
            <numerusform>%n 行，属于：%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TcpLens::ProblemsModel</name>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>开始于</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>解决办法</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>for at least %1</source>
        <translation>至少持续 %1</translation>
    </message>
    <message>
        <source>for %1</source>
        <translation>持续 %1</translation>
    </message>
    <message>
        <source>Lesson %1</source>
        <translation>课程 %1</translation>
    </message>
    <message>
        <source>Lesson %1 · %2</source>
        <translation>课程 %1 · %2</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Fix:&lt;/b&gt; %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;解决办法：&lt;/b&gt;%1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Sysctls:&lt;/b&gt; %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;sysctl：&lt;/b&gt;%1&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Counters:&lt;/b&gt; %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;计数器：&lt;/b&gt;%1&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>TcpLens::ProblemsPanel</name>
    <message>
        <source>this namespace</source>
        <translation>这个命名空间</translation>
    </message>
    <message>
        <source>the lab “%1”</source>
        <translation>实验“%1”</translation>
    </message>
    <message>
        <source>network namespace %1</source>
        <translation>网络命名空间 %1</translation>
    </message>
    <message>
        <source>%1&apos;s network namespace</source>
        <translation>%1 的网络命名空间</translation>
    </message>
    <message>
        <source>Waiting for the first dump of %1…</source>
        <translation>正在等待 %1 的第一次转储…</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;No problems found in %1.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;None of the %2 rules holds: no connection stuck in CLOSE-WAIT or FIN-WAIT-2, no listener overflowing, no SYN or SYN-ACK left unanswered, no retransmission or keepalive going unanswered, no pile of TIME-WAIT, no local ports running out.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1中没有发现问题。&lt;/b&gt;&lt;/p&gt;&lt;p&gt;%2 条规则都不成立：没有卡在 CLOSE-WAIT 或 FIN-WAIT-2 的连接，没有溢出的监听 socket，没有无人应答的 SYN 或 SYN-ACK，没有无人应答的重传或保活探测，没有堆积的 TIME-WAIT，本地端口也没有耗尽。&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) in %1, most urgent first. Click one to show its rows in the table (Esc shows all again); double-click one to open the sysctl that addresses it.</source>
        <translation>
            <numerusform>%1中有 %n 个问题，最紧急的在前。点击一个问题，表格中只显示它涉及的行（按 Esc 恢复显示全部）；双击则打开能解决它的 sysctl。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TcpLens::ProblemsStatusButton</name>
    <message numerus="yes">
        <source>⚠ %n problem(s)</source>
        <translation>
            <numerusform>⚠ %n 个问题</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;p&gt;The diagnosis found:&lt;/p&gt;&lt;ul&gt;%1&lt;/ul&gt;&lt;p&gt;Click to see them in the Problems view (Alt+7).&lt;/p&gt;</source>
        <translation>&lt;p&gt;诊断发现：&lt;/p&gt;&lt;ul&gt;%1&lt;/ul&gt;&lt;p&gt;点击即可在问题视图（Alt+7）中查看。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>TcpLens::ReadingView</name>
    <message>
        <source>&lt;p&gt;Select a row of the table: here is why its socket is where it is, from its state, timer, queues, tcp_info, owner and the sysctls in force, each fact linked to its explanation.&lt;/p&gt;</source>
        <translation>&lt;p&gt;在表格中选择一行：这里会说明它的 socket 为什么处于当前位置，依据是它的状态、定时器、队列、tcp_info、所属进程以及生效中的 sysctl，每条事实都链接到对应的解释。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Reading the selected socket…&lt;/p&gt;</source>
        <translation>&lt;p&gt;正在读取选中的 socket…&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The selected socket is not in the latest dump any more: it closed, or became another socket (a request&apos;s child, a TIME-WAIT socket). Select its new row to read it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;选中的 socket 已不在最新一次转储中：它已关闭，或变成了另一个 socket（请求 socket 的子 socket、TIME-WAIT socket）。选择它的新行即可继续查看。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;margin-top:0;color:%1&apos;&gt;Nothing wrong found with this socket.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;margin-top:0;color:%1&apos;&gt;这个 socket 没有发现问题。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;margin-top:10px;margin-bottom:2px&apos;&gt;&lt;b&gt;What addresses it&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;margin-top:10px;margin-bottom:2px&apos;&gt;&lt;b&gt;可以解决它的参数&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;Click to open it in the Sysctls panel.&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;点击即可在 Sysctls 面板中打开。&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;code&gt;netstat -s&lt;/code&gt;: “%1”&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;code&gt;netstat -s&lt;/code&gt;：“%1”&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>TcpLens::RecordController</name>
    <message>
        <source>&amp;Record…</source>
        <translation>录制(&amp;R)…</translation>
    </message>
    <message>
        <source>Record what this window shows into a file, to replay or export later (Ctrl+Alt+R)</source>
        <translation>把本窗口显示的内容录制到文件，以便之后回放或导出（Ctrl+Alt+R）</translation>
    </message>
    <message>
        <source>Recording stopped: the window now shows another source.</source>
        <translation>录制已停止：窗口已切换到另一个数据源。</translation>
    </message>
    <message>
        <source>Record to</source>
        <translation>录制到</translation>
    </message>
    <message>
        <source>TCP Lens recordings (*.tcplens)</source>
        <translation>TCP Lens 录制 (*.tcplens)</translation>
    </message>
    <message>
        <source>Cannot Record</source>
        <translation>无法录制</translation>
    </message>
    <message>
        <source>%1 exists and cannot be replaced.</source>
        <translation>%1 已存在，且无法替换。</translation>
    </message>
    <message>
        <source>Recording stopped: %1</source>
        <translation>录制已停止：%1</translation>
    </message>
    <message>
        <source>Stop &amp;Recording</source>
        <translation>停止录制(&amp;R)</translation>
    </message>
    <message>
        <source>Recording into %1</source>
        <translation>正在录制到 %1</translation>
    </message>
    <message>
        <source>Recorded into %1</source>
        <translation>已录制到 %1</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#d32f2f&quot;&gt;●&lt;/span&gt; REC %1 · %2</source>
        <extracomment>status bar while recording: a red dot, the time recorded and the file&apos;s size</extracomment>
        <translation>&lt;span style=&quot;color:#d32f2f&quot;&gt;●&lt;/span&gt; 录制中 %1 · %2</translation>
    </message>
    <message>
        <source>Recording into %1 (File → Stop Recording, Ctrl+Alt+R)</source>
        <translation>正在录制到 %1（文件 → 停止录制，Ctrl+Alt+R）</translation>
    </message>
</context>
<context>
    <name>TcpLens::RecordingReader</name>
    <message>
        <source>%1 is damaged (%2): it may have been cut short or overwritten; record again, or restore it from a copy</source>
        <translation>%1 已损坏（%2）：它可能被截断或被覆盖了；请重新录制，或从副本恢复</translation>
    </message>
    <message>
        <source>%1 does not exist: check the name</source>
        <translation>%1 不存在：请检查文件名</translation>
    </message>
    <message>
        <source>%1 is a folder, not a recording: name a file made by tcplens record</source>
        <translation>%1 是一个文件夹，不是录制文件：请指定由 tcplens record 生成的文件</translation>
    </message>
    <message>
        <source>%1 is not a regular file, not a recording</source>
        <translation>%1 不是普通文件，不是录制文件</translation>
    </message>
    <message>
        <source>%1 is empty: it holds no recording (was the recorder stopped before it began?)</source>
        <translation>%1 是空的：其中没有录制内容（录制是否在开始前就被停止了？）</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not a TCP Lens recording (not even an SQLite file): open a file made by tcplens record</source>
        <translation>%1 不是 TCP Lens 录制文件（甚至不是 SQLite 文件）：请打开由 tcplens record 生成的文件</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>%1 bytes, not the %2 pages of %3 bytes it says it holds</source>
        <translation>%1 字节，而不是它声称的 %2 页、每页 %3 字节</translation>
    </message>
    <message>
        <source>%1 is an SQLite database of another program, not a TCP Lens recording: open a file made by tcplens record</source>
        <translation>%1 是其他程序的 SQLite 数据库，不是 TCP Lens 录制文件：请打开由 tcplens record 生成的文件</translation>
    </message>
    <message>
        <source>its format version is missing</source>
        <translation>缺少格式版本</translation>
    </message>
    <message>
        <source>%1 was made by a newer TCP Lens (format %2); this build reads up to format %3: open it with a newer TCP Lens</source>
        <translation>%1 由更新版本的 TCP Lens 生成（格式 %2）；本版本最多只能读取格式 %3：请用更新版本的 TCP Lens 打开</translation>
    </message>
    <message>
        <source>table %1: %2</source>
        <translation>表 %1：%2</translation>
    </message>
    <message>
        <source>no snapshot row %1</source>
        <translation>没有快照行 %1</translation>
    </message>
    <message>
        <source>snapshot %1 names a later key frame</source>
        <translation>快照 %1 指向一个更晚的关键帧</translation>
    </message>
    <message>
        <source>snapshot %1 is not the key frame it should be</source>
        <translation>快照 %1 不是它应当是的关键帧</translation>
    </message>
    <message>
        <source>snapshot %1 cannot be rebuilt</source>
        <translation>快照 %1 无法重建</translation>
    </message>
</context>
<context>
    <name>TcpLens::RemoteSessionBar</name>
    <message>
        <source>Reconnect</source>
        <translation>重新连接</translation>
    </message>
    <message>
        <source>Disconnected: %1</source>
        <translation>已断开：%1</translation>
    </message>
</context>
<context>
    <name>TcpLens::StateDiagramPanel</name>
    <message>
        <source>Step back: take back the last step played</source>
        <translation>后退一步：撤回最近播放的一步</translation>
    </message>
    <message>
        <source>Step forward: play the next waiting step</source>
        <translation>前进一步：播放下一个等待中的步骤</translation>
    </message>
    <message>
        <source>Playback speed. Every step travels for the same time, so that a handshake of 100 µs can be followed; slow motion makes steps wait their turn.</source>
        <translation>播放速度。每一步的动画时长相同，这样 100 微秒的一次握手也能看清；慢动作会让各步骤排队依次播放。</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>1/2 speed</source>
        <translation>1/2 速度</translation>
    </message>
    <message>
        <source>1/5 speed</source>
        <translation>1/5 速度</translation>
    </message>
    <message>
        <source>1/10 speed</source>
        <translation>1/10 速度</translation>
    </message>
    <message>
        <source>1/20 speed</source>
        <translation>1/20 速度</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Resume playback; waiting steps play in order</source>
        <translation>继续播放；等待中的步骤按顺序播放</translation>
    </message>
    <message>
        <source>Pause: new steps wait in a queue</source>
        <translation>暂停：新的步骤在队列中等待</translation>
    </message>
    <message>
        <source>×%1</source>
        <translation>×%1</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n 个等待中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n dropped</source>
        <translation>
            <numerusform>丢弃 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Steps queued behind the ones playing: at most %1 while playing, %2 while paused; more are dropped from the animation (the table and the timeline keep them)</source>
        <translation>排在正在播放的步骤之后的步骤：播放时最多 %1 个，暂停时最多 %2 个；更多的会从动画中丢弃（表格和时间线会保留它们）</translation>
    </message>
    <message>
        <source>Paused: the counts and tokens hold still and new steps wait in order. → plays the next, ← takes one back, Space resumes.</source>
        <translation>已暂停：计数和令牌保持不动，新的步骤按顺序等待。→ 播放下一步，← 退回一步，空格继续。</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message numerus="yes">
        <source>%n connections, the first at %1</source>
        <translation>
            <numerusform>%n 个连接，第一个在 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>于 %1</translation>
    </message>
    <message>
        <source>Took back %1 (%2, %3): it waits first in the queue again.</source>
        <translation>已撤回 %1（%2，%3）：它重新排在队列的最前面。</translation>
    </message>
    <message>
        <source>Step %1: %2 (%3, %4).</source>
        <translation>第 %1 步：%2（%3，%4）。</translation>
    </message>
    <message numerus="yes">
        <source>%n step(s) wait.</source>
        <translation>
            <numerusform>还有 %n 步在等待。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The queue is full at %1: %n newer step(s) were left out of the animation; the table and the timeline have them.</source>
        <translation>
            <numerusform>队列在 %1 已满：%n 个较新的步骤没有进入动画；表格和时间线中仍有它们。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TcpLens::StateDiagramView</name>
    <message>
        <source>client</source>
        <translation>客户端</translation>
    </message>
    <message>
        <source>server</source>
        <translation>服务端</translation>
    </message>
    <message>
        <source>both ends at once</source>
        <translation>两端同时</translation>
    </message>
    <message>
        <source>abort</source>
        <translation>中止</translation>
    </message>
    <message>
        <source>&lt;b&gt;Event:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;事件：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Kernel:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;内核：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sysctls:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;sysctl：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Counters:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;计数器：&lt;/b&gt;%1</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Now:&lt;/b&gt; %n request socket(s) (SYN queue entries)</source>
        <translation>
            <numerusform>&lt;b&gt;当前：&lt;/b&gt;%n 个请求 socket（半连接队列中的条目）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Now:&lt;/b&gt; %n socket(s)</source>
        <translation>
            <numerusform>&lt;b&gt;当前：&lt;/b&gt;%n 个 socket</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Abort to CLOSED:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;中止并进入 CLOSED：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>end</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>client: active open / close</source>
        <translation>客户端：主动打开 / 关闭</translation>
    </message>
    <message>
        <source>server: passive open / close</source>
        <translation>服务端：被动打开 / 关闭</translation>
    </message>
    <message>
        <source>simultaneous open / close</source>
        <translation>同时打开 / 同时关闭</translation>
    </message>
    <message>
        <source>abort to CLOSED (drawn while used)</source>
        <translation>中止并进入 CLOSED（用到时才画出）</translation>
    </message>
    <message>
        <source>exact (kernel tracepoint)</source>
        <translation>精确（内核跟踪点）</translation>
    </message>
    <message>
        <source>polled (a dump saw it)</source>
        <translation>轮询（某次转储看到了它）</translation>
    </message>
    <message>
        <source>inferred (only legal path)</source>
        <translation>推断（唯一合法的路径）</translation>
    </message>
    <message>
        <source>request sockets (SYN queue)</source>
        <translation>请求 socket（半连接队列）</translation>
    </message>
    <message>
        <source>Hover a state or an edge for what causes it and what governs it; click a state to filter.</source>
        <translation>把鼠标悬停在状态或转换边上，查看它的成因和受哪些参数控制；点击状态即可过滤。</translation>
    </message>
</context>
<context>
    <name>TcpLens::SysctlApplier</name>
    <message>
        <source>Removed in Linux %1: there is nothing to write</source>
        <translation>已在 Linux %1 中移除：没有什么可以写入的</translation>
    </message>
    <message>
        <source>Read-only: the kernel fills it in</source>
        <translation>只读：由内核填写</translation>
    </message>
    <message>
        <source>Global: one value for the whole kernel, set on the host, not in the namespace %1</source>
        <translation>全局参数：整个内核只有一个值，在主机上设置，不在命名空间 %1 中设置</translation>
    </message>
    <message>
        <source>TCP Lens may write it here itself</source>
        <translation>TCP Lens 可以直接在这里写入</translation>
    </message>
    <message>
        <source>TCP Lens may write it in the namespace %1 itself</source>
        <translation>TCP Lens 可以直接在命名空间 %1 中写入</translation>
    </message>
    <message>
        <source>Needs administrator rights through %1, which is not installed</source>
        <translation>需要通过 %1 获得管理员权限，但它没有安装</translation>
    </message>
    <message>
        <source>Needs administrator rights through %1 (polkit), which is not installed</source>
        <translation>需要通过 %1（polkit）获得管理员权限，但它没有安装</translation>
    </message>
    <message>
        <source>Asks for administrator rights (polkit) and writes through %1</source>
        <translation>请求管理员权限（polkit），并通过 %1 写入</translation>
    </message>
    <message>
        <source>Cannot start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
    <message>
        <source>The privileged helper crashed</source>
        <translation>特权辅助程序崩溃了</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation>（%1）</translation>
    </message>
    <message>
        <source>Not authorised: the administrator&apos;s password was not given, so %1 was not changed</source>
        <translation>未获授权：没有提供管理员密码，所以 %1 没有被修改</translation>
    </message>
    <message>
        <source>Not authorised: polkit refused, or no authentication agent runs, so %1 was not changed</source>
        <translation>未获授权：polkit 拒绝了，或者没有运行认证代理，所以 %1 没有被修改</translation>
    </message>
    <message>
        <source>The helper refused to write %1%2</source>
        <translation>辅助程序拒绝写入 %1%2</translation>
    </message>
    <message>
        <source>Not permitted to write %1%2</source>
        <translation>不允许写入 %1%2</translation>
    </message>
    <message>
        <source>The kernel refused the value for %1%2</source>
        <translation>内核拒绝了 %1 的这个值%2</translation>
    </message>
    <message>
        <source>%1 does not exist on this kernel%2</source>
        <translation>此内核上没有 %1%2</translation>
    </message>
    <message>
        <source>The privileged helper failed with status %1 for %2%3</source>
        <translation>特权辅助程序在处理 %2 时失败，状态为 %1%3</translation>
    </message>
</context>
<context>
    <name>TcpLens::SysctlConfEditor</name>
    <message>
        <source>The sysctl catalog could not be read: nothing is checked.</source>
        <translation>无法读取 sysctl 目录：什么也没有检查。</translation>
    </message>
    <message>
        <source>No problem found: every line is a key this kernel has, with a value it takes.</source>
        <translation>没有发现问题：每一行都是此内核具有的参数，值也都可以接受。</translation>
    </message>
    <message>
        <source>%1, %2 — click one to go to its line.</source>
        <translation>%1，%2 — 点击一项即可跳到对应的行。</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n 个错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n 个警告</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TcpLens::SysctlExplanationView</name>
    <message>
        <source>&lt;b&gt;Removed in Linux %1.&lt;/b&gt; %2&lt;br&gt;&lt;b&gt;What to do:&lt;/b&gt; %3</source>
        <translation>&lt;b&gt;已在 Linux %1 中移除。&lt;/b&gt;%2&lt;br&gt;&lt;b&gt;怎么办：&lt;/b&gt;%3</translation>
    </message>
    <message>
        <source>Now: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>当前：&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Now: %1</source>
        <translation>当前：%1</translation>
    </message>
    <message>
        <source>kernel default: %1 (%2)</source>
        <translation>内核默认值：%1（%2）</translation>
    </message>
    <message>
        <source>kernel default: %1</source>
        <translation>内核默认值：%1</translation>
    </message>
    <message>
        <source>one value per network namespace</source>
        <translation>每个网络命名空间一个值</translation>
    </message>
    <message>
        <source>global: one value for the whole kernel</source>
        <translation>全局：整个内核只有一个值</translation>
    </message>
    <message>
        <source>the kernel takes %1 to %2</source>
        <translation>内核接受 %1 到 %2</translation>
    </message>
    <message>
        <source>What it does on this kernel</source>
        <translation>它在这个内核上的作用</translation>
    </message>
    <message>
        <source>When to change it</source>
        <translation>何时修改</translation>
    </message>
    <message>
        <source>Trade-off</source>
        <translation>权衡</translation>
    </message>
    <message>
        <source>Where the common advice is wrong</source>
        <translation>常见建议错在哪里</translation>
    </message>
    <message>
        <source>&lt;b&gt;Linux %1:&lt;/b&gt; %2</source>
        <translation>&lt;b&gt;Linux %1：&lt;/b&gt;%2</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>States: %1 (marked in the state diagram)</source>
        <translation>状态：%1（已在状态图中标出）</translation>
    </message>
    <message>
        <source>Counters: %1</source>
        <translation>计数器：%1</translation>
    </message>
    <message>
        <source>Related</source>
        <translation>相关</translation>
    </message>
    <message>
        <source>No socket listens in this namespace now, so nothing holds a limit from it.</source>
        <translation>这个命名空间中现在没有监听的 socket，所以没有谁保留着由它得来的上限。</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;These %n listener(s) keep the limit they got when they called listen()&lt;/b&gt; (sk_max_ack_backlog = min(backlog, somaxconn) at that moment): a new somaxconn reaches them only when they listen again.</source>
        <translation>
            <numerusform>&lt;b&gt;这 %n 个监听 socket 保留调用 listen() 时得到的上限&lt;/b&gt;（当时的 sk_max_ack_backlog = min(backlog, somaxconn)）：新的 somaxconn 只有在它们重新 listen 后才会生效。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;It applies to these %n listener(s) at once:&lt;/b&gt; tcp_conn_request() reads it for every SYN; with tcp_syncookies = 0 a listener drops unproven peers once its SYN queue passes 3/4 of it. Each SYN queue is bounded by its listener&apos;s own limit, fixed at listen().</source>
        <translation>
            <numerusform>&lt;b&gt;它同时作用于这 %n 个监听 socket：&lt;/b&gt;tcp_conn_request() 每收到一个 SYN 都会读取它；当 tcp_syncookies = 0 时，监听 socket 的半连接队列一旦超过它的 3/4，就会丢弃未经验证的对端。每个半连接队列的上限由各自监听 socket 在 listen() 时确定。</numerusform>
        </translation>
    </message>
    <message>
        <source>Listener</source>
        <translation>监听 socket</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>Accept queue</source>
        <translation>全连接队列</translation>
    </message>
    <message>
        <source>SYN queue</source>
        <translation>半连接队列</translation>
    </message>
    <message>
        <source>Why this limit</source>
        <translation>为什么是这个上限</translation>
    </message>
    <message>
        <source>a listener</source>
        <translation>一个监听 socket</translation>
    </message>
    <message>
        <source>capped by somaxconn now</source>
        <translation>现在受 somaxconn 限制</translation>
    </message>
    <message>
        <source>an older, larger somaxconn</source>
        <translation>一个更早的、更大的 somaxconn</translation>
    </message>
    <message>
        <source>its own backlog (or an older somaxconn)</source>
        <translation>它自己的 backlog（或更早的 somaxconn）</translation>
    </message>
    <message>
        <source>drops from %1 when cookies are off</source>
        <translation>关闭 cookie 时从 %1 开始丢弃</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>以及另外 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>No kernel counter counts what %1 does; watch the states it governs instead.</source>
        <translation>没有哪个内核计数器统计 %1 所做的事；请改为观察它所控制的状态。</translation>
    </message>
    <message>
        <source>Related counters, per second</source>
        <translation>相关计数器，每秒</translation>
    </message>
</context>
<context>
    <name>TcpLens::SysctlFileDialog</name>
    <message>
        <source>Export as sysctl.d File</source>
        <translation>导出为 sysctl.d 文件</translation>
    </message>
    <message>
        <source>Check a sysctl.conf File</source>
        <translation>检查 sysctl.conf 文件</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>The changes in force, as a file for /etc/sysctl.d/: sysctl --system loads it at boot. Each key says what it does and which value it replaces.</source>
        <translation>生效中的修改，作为 /etc/sysctl.d/ 下的一个文件：sysctl --system 会在启动时加载它。每个参数都注明了它的作用以及它替换的值。</translation>
    </message>
    <message>
        <source>%1, checked against TCP Lens&apos;s catalog and this kernel.</source>
        <translation>%1，已对照 TCP Lens 的目录和此内核检查。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Save sysctl.d File</source>
        <translation>保存 sysctl.d 文件</translation>
    </message>
    <message>
        <source>sysctl.d files (*.conf);;All files (*)</source>
        <translation>sysctl.d 文件 (*.conf);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Saved as %1. Copy it to /etc/sysctl.d/ to keep these values after a reboot.</source>
        <translation>已保存为 %1。把它复制到 /etc/sysctl.d/，重启后这些值依然有效。</translation>
    </message>
</context>
<context>
    <name>TcpLens::SysctlHelperRequest</name>
    <message>
        <source>--netns needs a path</source>
        <translation>--netns 需要一个路径</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a network namespace path (/proc/PID/ns/net or /run/netns/NAME)</source>
        <translation>&apos;%1&apos; 不是网络命名空间路径（/proc/PID/ns/net 或 /run/netns/NAME）</translation>
    </message>
    <message>
        <source>usage: tcplens-sysctl-helper [--netns PATH] KEY VALUE</source>
        <translation>用法：tcplens-sysctl-helper [--netns PATH] KEY VALUE</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a key of TCP Lens&apos;s catalog</source>
        <translation>&apos;%1&apos; 不是 TCP Lens 目录中的参数</translation>
    </message>
    <message>
        <source>%1 cannot be written (removed or read-only)</source>
        <translation>%1 不可写（已移除或只读）</translation>
    </message>
    <message>
        <source>%1 is global: it is set on the host, never in a namespace</source>
        <translation>%1 是全局参数：只在主机上设置，从不在命名空间里设置</translation>
    </message>
    <message>
        <source>the value is %1 characters long; no sysctl takes more than %2</source>
        <translation>值有 %1 个字符；没有哪个 sysctl 接受超过 %2 个字符</translation>
    </message>
    <message>
        <source>the value contains a control character (U+%1)</source>
        <translation>值中含有控制字符（U+%1）</translation>
    </message>
</context>
<context>
    <name>TcpLens::SysctlJournal</name>
    <message>
        <source>not JSON (%1 at byte %2)</source>
        <translation>不是 JSON（%1，位于第 %2 字节）</translation>
    </message>
    <message>
        <source>not a TCP Lens sysctl journal</source>
        <translation>不是 TCP Lens 的 sysctl 变更日志</translation>
    </message>
    <message>
        <source>journal version %1; this TCP Lens reads version %2</source>
        <translation>变更日志版本为 %1；本版 TCP Lens 读取版本 %2</translation>
    </message>
    <message>
        <source>change %1 has no key or no valid time</source>
        <translation>修改 %1 没有参数名或没有有效的时间</translation>
    </message>
    <message>
        <source>cannot read the sysctl journal %1: %2</source>
        <translation>无法读取 sysctl 变更日志 %1：%2</translation>
    </message>
    <message>
        <source>the sysctl journal %1 could not be read (%2); it was kept as %3</source>
        <translation>无法读取 sysctl 变更日志 %1（%2）；已将它另存为 %3</translation>
    </message>
    <message>
        <source>no change %1 in the journal</source>
        <translation>变更日志中没有修改 %1</translation>
    </message>
    <message>
        <source>cannot create the folder of %1</source>
        <translation>无法创建 %1 所在的文件夹</translation>
    </message>
    <message>
        <source>cannot write the sysctl journal %1: %2</source>
        <translation>无法写入 sysctl 变更日志 %1：%2</translation>
    </message>
</context>
<context>
    <name>TcpLens::SysctlJournalModel</name>
    <message>
        <source>%1 set %2 from %3 to %4 at %5%6</source>
        <translation>%1 在 %5 把 %2 从 %3 改为 %4%6</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>某人</translation>
    </message>
    <message>
        <source> on the host (TCP Lens&apos;s own namespace)</source>
        <translation>（在主机上，即 TCP Lens 自己的命名空间）</translation>
    </message>
    <message>
        <source> in %1</source>
        <translation>（在 %1 中）</translation>
    </message>
    <message>
        <source>host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>reverted</source>
        <translation>已还原</translation>
    </message>
    <message>
        <source>in force</source>
        <translation>生效中</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Old</source>
        <translation>旧值</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>By</source>
        <translation>修改者</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>TcpLens::SysctlLintFindingModel</name>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>检查结果</translation>
    </message>
</context>
<context>
    <name>TcpLens::SysctlPanel</name>
    <message>
        <source>Search keys, states, counters and old advice (tcp_tw_recycle…)</source>
        <translation>搜索参数、状态、计数器和过时的建议（tcp_tw_recycle…）</translation>
    </message>
    <message>
        <source>Changes made with TCP Lens</source>
        <translation>用 TCP Lens 做的修改</translation>
    </message>
    <message>
        <source>No change yet. Every change made here is kept on disk with its old value, to revert, also after a restart.</source>
        <translation>还没有修改。在这里做的每次修改都会连同旧值保存在磁盘上，随时可以还原，重启之后也可以。</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Write the selected change&apos;s old value back</source>
        <translation>把选中修改的旧值写回去</translation>
    </message>
    <message>
        <source>Revert All</source>
        <translation>全部还原</translation>
    </message>
    <message>
        <source>Undo every change still in force, newest first</source>
        <translation>撤销所有仍在生效的修改，从最新的开始</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Export as sysctl.d file: the changes in force, to keep them after a reboot</source>
        <translation>导出为 sysctl.d 文件：把生效中的修改保存下来，重启后依然有效</translation>
    </message>
    <message>
        <source>Check File…</source>
        <translation>检查文件…</translation>
    </message>
    <message>
        <source>Check a sysctl.conf file against the catalog and this kernel</source>
        <translation>对照目录和此内核检查 sysctl.conf 文件</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Show the kernel&apos;s value again</source>
        <translation>重新显示内核的值</translation>
    </message>
    <message>
        <source>Kernel Default</source>
        <translation>内核默认值</translation>
    </message>
    <message>
        <source>Put the value a new network namespace starts with into the fields</source>
        <translation>把新网络命名空间的初始值填入输入框</translation>
    </message>
    <message>
        <source>Waiting for authorisation…</source>
        <translation>正在等待授权…</translation>
    </message>
    <message>
        <source>Cannot read the sysctls here: %1</source>
        <translation>无法读取这里的 sysctl：%1</translation>
    </message>
    <message>
        <source>Global: only the host&apos;s initial network namespace may set it, and TCP Lens runs in another</source>
        <translation>全局参数：只有主机的初始网络命名空间可以设置它，而 TCP Lens 运行在另一个命名空间中</translation>
    </message>
    <message>
        <source>The kernel does not let TCP Lens write it here</source>
        <translation>内核不允许 TCP Lens 在这里写入它</translation>
    </message>
    <message>
        <source>Sysctls</source>
        <translation>Sysctls</translation>
    </message>
    <message>
        <source>Choose a key for what it does, its counters and a way to change it.</source>
        <translation>选择一个参数，查看它的作用、相关计数器以及修改方法。</translation>
    </message>
    <message>
        <source>per network namespace</source>
        <translation>每个网络命名空间独立</translation>
    </message>
    <message>
        <source>global</source>
        <translation>全局</translation>
    </message>
    <message>
        <source>watching TCP Lens&apos;s own namespace</source>
        <translation>正在观察 TCP Lens 自己的命名空间</translation>
    </message>
    <message>
        <source>watching the namespace %1</source>
        <translation>正在观察命名空间 %1</translation>
    </message>
    <message>
        <source>Marked: the states %1 governs</source>
        <translation>已标出：%1 所控制的状态</translation>
    </message>
    <message>
        <source>Apply as Administrator…</source>
        <translation>以管理员身份应用…</translation>
    </message>
    <message>
        <source>Not applied: %1</source>
        <translation>未应用：%1</translation>
    </message>
    <message>
        <source>Nothing to apply: the kernel holds this value already</source>
        <translation>无需应用：内核已经是这个值了</translation>
    </message>
    <message>
        <source>Asking for administrator rights…</source>
        <translation>正在请求管理员权限…</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>正在写入…</translation>
    </message>
    <message>
        <source>%1 is %2 now, but the journal could not keep it: %3</source>
        <translation>%1 现在是 %2，但变更日志没能记下它：%3</translation>
    </message>
    <message>
        <source>%1 changed from %2 to %3</source>
        <translation>%1 从 %2 改为 %3</translation>
    </message>
    <message>
        <source>%1 reverted from %2 to %3</source>
        <translation>%1 从 %2 还原为 %3</translation>
    </message>
    <message>
        <source>%1 is not in this TCP Lens&apos;s catalog; revert it by hand: sysctl -w %1=&apos;%2&apos;</source>
        <translation>%1 不在本版 TCP Lens 的目录中；请手工还原：sysctl -w %1=&apos;%2&apos;</translation>
    </message>
    <message>
        <source>Reverting %1 to %2…</source>
        <translation>正在把 %1 还原为 %2…</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Check a sysctl.conf File</source>
        <translation>检查 sysctl.conf 文件</translation>
    </message>
    <message>
        <source>sysctl.conf files (*.conf);;All files (*)</source>
        <translation>sysctl.conf 文件 (*.conf);;所有文件 (*)</translation>
    </message>
    <message>
        <source>These are the values the source watched reported (a recording, another machine): nothing is read or applied here.</source>
        <translation>这里显示的是所观察的数据源报告的值（一份录制或另一台机器）：此处不读取、也不应用任何修改。</translation>
    </message>
    <message>
        <source>Not reported by the source watched</source>
        <translation>所观察的数据源没有报告这一项</translation>
    </message>
    <message>
        <source>The kernel&apos;s default is not known: the value was read on the machine watched</source>
        <translation>内核默认值未知：该值是在所观察的机器上读取的</translation>
    </message>
    <message>
        <source>Shown as the source watched reported it: a recording, or another machine</source>
        <translation>按所观察的数据源报告的值显示：一份录制，或另一台机器</translation>
    </message>
</context>
<context>
    <name>TcpLens::SysctlTreeModel</name>
    <message>
        <source>Handshake and listen queues</source>
        <translation>握手与监听队列</translation>
    </message>
    <message>
        <source>TCP Fast Open</source>
        <translation>TCP Fast Open</translation>
    </message>
    <message>
        <source>Close and TIME-WAIT</source>
        <translation>关闭与 TIME-WAIT</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Transfer and retransmission</source>
        <translation>传输与重传</translation>
    </message>
    <message>
        <source>Buffers and memory</source>
        <translation>缓冲区和内存</translation>
    </message>
    <message>
        <source>Keepalive</source>
        <translation>保活（keepalive）</translation>
    </message>
    <message>
        <source>Operations</source>
        <translation>运维</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>已移除</translation>
    </message>
    <message>
        <source>Removed in Linux %1: %2</source>
        <translation>已在 Linux %1 中移除：%2</translation>
    </message>
    <message>
        <source>%1, changed from the kernel&apos;s default %2</source>
        <translation>%1，已不同于内核默认值 %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Every network namespace has its own value</source>
        <translation>每个网络命名空间都有自己的值</translation>
    </message>
    <message>
        <source>One value for the whole kernel, set on the host; containers cannot change it</source>
        <translation>整个内核只有一个值，在主机上设置；容器不能修改它</translation>
    </message>
    <message>
        <source>removed (%1)</source>
        <translation>已移除（%1）</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>not here</source>
        <translation>这里没有</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>netns</source>
        <translation>每命名空间</translation>
    </message>
    <message>
        <source>global</source>
        <translation>全局</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>as admin</source>
        <translation>以管理员身份</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>The value a newly created network namespace starts with on this kernel</source>
        <translation>在这个内核上，新建的网络命名空间的初始值</translation>
    </message>
    <message>
        <source>Whether you can change it in the namespace this window watches</source>
        <translation>在这个窗口观察的命名空间中能否修改它</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Kernel default</source>
        <translation>内核默认值</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>作用范围</translation>
    </message>
    <message>
        <source>Write here</source>
        <translation>在这里写入</translation>
    </message>
</context>
<context>
    <name>TcpLens::SysctlValueEditor</name>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source> bytes</source>
        <translation> 字节</translation>
    </message>
    <message>
        <source> pages</source>
        <translation> 页</translation>
    </message>
    <message>
        <source>On (1)</source>
        <translation>开启（1）</translation>
    </message>
    <message>
        <source>Off: %1</source>
        <translation>关闭：%1</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>a name this namespace may choose</source>
        <translation>这个命名空间可以选择的名称</translation>
    </message>
    <message>
        <source>The names the kernel offers in this namespace</source>
        <translation>内核在这个命名空间中提供的名称</translation>
    </message>
    <message>
        <source>Removed in Linux %1: there is nothing to set. %2</source>
        <translation>已在 Linux %1 中移除：没有什么可以设置的。%2</translation>
    </message>
    <message>
        <source>Read-only: the kernel fills it in.</source>
        <translation>只读：由内核填写。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Now %1, after Apply &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>当前 %1，应用后为 &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1 of memory</source>
        <translation>%1 内存</translation>
    </message>
</context>
<context>
    <name>TcpLens::TcpStateMachine</name>
    <message>
        <source>listen()</source>
        <translation>调用 listen()</translation>
    </message>
    <message>
        <source>connect() / send SYN</source>
        <translation>调用 connect() / 发送 SYN</translation>
    </message>
    <message>
        <source>receive SYN / send SYN+ACK</source>
        <translation>收到 SYN / 发送 SYN+ACK</translation>
    </message>
    <message>
        <source>receive the final ACK (Fast Open: the SYN with data)</source>
        <translation>收到最后的 ACK（Fast Open：带数据的 SYN）</translation>
    </message>
    <message>
        <source>receive ACK</source>
        <translation>收到 ACK</translation>
    </message>
    <message>
        <source>receive SYN+ACK / send ACK</source>
        <translation>收到 SYN+ACK / 发送 ACK</translation>
    </message>
    <message>
        <source>close() or shutdown(SHUT_WR) / send FIN</source>
        <translation>调用 close() 或 shutdown(SHUT_WR) / 发送 FIN</translation>
    </message>
    <message>
        <source>close() / send FIN</source>
        <translation>调用 close() / 发送 FIN</translation>
    </message>
    <message>
        <source>receive FIN / send ACK</source>
        <translation>收到 FIN / 发送 ACK</translation>
    </message>
    <message>
        <source>receive ACK of FIN</source>
        <translation>收到对 FIN 的 ACK</translation>
    </message>
    <message>
        <source>60 s pass (or RST, or the 4-tuple is reused)</source>
        <translation>过了 60 秒（或收到 RST，或四元组被复用）</translation>
    </message>
    <message>
        <source>receive ACK of FIN (or RST, or the FIN is never acknowledged)</source>
        <translation>收到对 FIN 的 ACK（或收到 RST，或 FIN 始终未被确认）</translation>
    </message>
    <message>
        <source>close()</source>
        <translation>调用 close()</translation>
    </message>
    <message>
        <source>close(), RST, or no answer after tcp_syn_retries</source>
        <translation>调用 close()、收到 RST，或重试 tcp_syn_retries 次后仍无应答</translation>
    </message>
    <message>
        <source>RST, no ACK after tcp_synack_retries, or the final ACK finds the accept queue full with tcp_abort_on_overflow = 1 (RST sent)</source>
        <translation>收到 RST，重试 tcp_synack_retries 次后仍无 ACK，或 tcp_abort_on_overflow = 1 时最后的 ACK 遇到全连接队列已满（发送 RST）</translation>
    </message>
    <message>
        <source>RST, the listener closed, or a Fast Open child&apos;s SYN-ACK never acknowledged</source>
        <translation>收到 RST，监听 socket 已关闭，或 Fast Open 子 socket 的 SYN-ACK 始终未被确认</translation>
    </message>
    <message>
        <source>RST sent or received (SO_LINGER 0, unread data at close, timeout)</source>
        <translation>发送或收到 RST（SO_LINGER 为 0、关闭时还有未读数据、超时）</translation>
    </message>
    <message>
        <source>an orphan&apos;s tcp_fin_timeout passes (its normal, silent end), or RST</source>
        <translation>孤儿连接的 tcp_fin_timeout 到期（它正常、无声的结束），或收到 RST</translation>
    </message>
    <message>
        <source>RST, or close() with unread data (sends RST)</source>
        <translation>收到 RST，或关闭时还有未读数据（发送 RST）</translation>
    </message>
    <message>
        <source>RST, or the FIN is never acknowledged</source>
        <translation>收到 RST，或 FIN 始终未被确认</translation>
    </message>
    <message>
        <source>Not a TCP state.</source>
        <translation>不是 TCP 状态。</translation>
    </message>
    <message>
        <source>Open: data flows both ways.</source>
        <translation>连接已建立：数据双向流动。</translation>
    </message>
    <message>
        <source>connect() sent a SYN and waits for SYN+ACK; SYNs are retried with backoff.</source>
        <translation>connect() 已发送 SYN，正在等待 SYN+ACK；SYN 会按退避时间重传。</translation>
    </message>
    <message>
        <source>A child socket: made when the final ACK came (then at once ESTABLISHED), or at SYN time by Fast Open (in the accept queue and readable before the handshake ends, retrying its SYN-ACK up to tcp_synack_retries + 1), or one side of a simultaneous open.</source>
        <translation>一个子 socket：在最后的 ACK 到达时创建（随即进入 ESTABLISHED），或由 Fast Open 在收到 SYN 时创建（握手结束前已在全连接队列中并可读，最多重传 SYN-ACK tcp_synack_retries + 1 次），或是同时打开的一方。</translation>
    </message>
    <message>
        <source>We sent FIN and wait for its ACK; an orphan retries per tcp_orphan_retries.</source>
        <translation>我方已发送 FIN，正在等待它的 ACK；孤儿连接按 tcp_orphan_retries 重试。</translation>
    </message>
    <message>
        <source>Our FIN was acknowledged; waiting for the peer&apos;s FIN. An orphan waits tcp_fin_timeout at most.</source>
        <translation>我方的 FIN 已被确认；正在等待对端的 FIN。孤儿连接最多等待 tcp_fin_timeout。</translation>
    </message>
    <message>
        <source>Both FINs done; the active closer keeps the 4-tuple for a fixed 60 s (TCP_TIMEWAIT_LEN) so late segments die, and re-ACKs a retransmitted FIN, restarting the 60 s.</source>
        <translation>双方的 FIN 都已完成；主动关闭方把四元组保留固定的 60 秒（TCP_TIMEWAIT_LEN），让迟到的报文消亡，并对重传的 FIN 再次回 ACK，同时重新开始计 60 秒。</translation>
    </message>
    <message>
        <source>No connection: before connect()/listen(), or after the end.</source>
        <translation>没有连接：在 connect()/listen() 之前，或连接结束之后。</translation>
    </message>
    <message>
        <source>The peer sent FIN; we wait for our application to close(). Many of these: an application bug.</source>
        <translation>对端已发送 FIN；正在等待我方应用程序调用 close()。大量出现：应用程序的 bug。</translation>
    </message>
    <message>
        <source>We closed after the peer; waiting for the ACK of our FIN.</source>
        <translation>我方在对端之后关闭；正在等待对我方 FIN 的 ACK。</translation>
    </message>
    <message>
        <source>Waiting for SYNs; owns a SYN queue and an accept queue.</source>
        <translation>正在等待 SYN；拥有一个半连接队列和一个全连接队列。</translation>
    </message>
    <message>
        <source>Both sides sent FIN at once; waiting for the ACK of ours.</source>
        <translation>双方同时发送了 FIN；正在等待对我方 FIN 的 ACK。</translation>
    </message>
    <message>
        <source>A request socket in the listener&apos;s SYN queue: SYN+ACK sent, waiting for the final ACK, or acked already and held back (accept queue full with tcp_abort_on_overflow = 0, or TCP_DEFER_ACCEPT waiting for data), still retransmitting its SYN-ACK.</source>
        <translation>监听 socket 半连接队列中的一个请求 socket：已发送 SYN+ACK，正在等待最后的 ACK；或已收到 ACK 但被暂缓（tcp_abort_on_overflow = 0 时全连接队列已满，或 TCP_DEFER_ACCEPT 在等数据），仍在重传它的 SYN-ACK。</translation>
    </message>
    <message>
        <source>active open</source>
        <translation>主动打开</translation>
    </message>
    <message>
        <source>passive open</source>
        <translation>被动打开</translation>
    </message>
    <message>
        <source>simultaneous open</source>
        <translation>同时打开</translation>
    </message>
    <message>
        <source>active close</source>
        <translation>主动关闭</translation>
    </message>
    <message>
        <source>passive close</source>
        <translation>被动关闭</translation>
    </message>
    <message>
        <source>simultaneous close</source>
        <translation>同时关闭</translation>
    </message>
    <message>
        <source>abort</source>
        <translation>中止</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>TcpLens::TimeChartView</name>
    <message>
        <source>Drag to zoom in, wheel to zoom, Shift+wheel or middle-drag to pan, double-click to follow the newest data again</source>
        <translation>拖动以放大，滚轮缩放，Shift+滚轮或中键拖动以平移，双击则重新跟随最新数据</translation>
    </message>
    <message>
        <source>seconds before now</source>
        <translation>距现在的秒数</translation>
    </message>
    <message>
        <source>seconds before %1</source>
        <translation>%1 之前的秒数</translation>
    </message>
</context>
<context>
    <name>TcpLens::TimeSeriesModel</name>
    <message>
        <source>Time (s)</source>
        <translation>时间（秒）</translation>
    </message>
</context>
<context>
    <name>TcpLens::TimelineMarkerModel</name>
    <message>
        <source>sysctl</source>
        <translation>sysctl</translation>
    </message>
    <message>
        <source>lab step</source>
        <translation>实验步骤</translation>
    </message>
    <message>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>%1 %2 → %3</source>
        <translation>%1 %2 → %3</translation>
    </message>
    <message>
        <source>sysctl %1 changed from %2 to %3%4</source>
        <translation>sysctl %1 从 %2 改为 %3%4</translation>
    </message>
    <message>
        <source> in %1</source>
        <translation>（在 %1 中）</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>TCP Lens shows the kernel&apos;s TCP connections as they live and die.

Commands that need no display (tcplens COMMAND --help for more; --lang works with each):</source>
        <translation>TCP Lens 展示内核中 TCP 连接的生与灭。

无需显示器的命令（用 tcplens COMMAND --help 查看更多；每个命令都支持 --lang）：</translation>
    </message>
    <message>
        <source>Wait for live data, save the main window to FILE (PNG) and exit. Needs no display.</source>
        <translation>等待实时数据，把主窗口保存到 FILE（PNG）后退出。不需要显示器。</translation>
    </message>
    <message>
        <source>With --screenshot: collect for SECONDS first.</source>
        <translation>与 --screenshot 一起使用：先采集 SECONDS 秒。</translation>
    </message>
    <message>
        <source>With --screenshot: render VIEW: table (the whole window), diagram, timeline, listeners, counters, sysctls, lab, problems or reading.</source>
        <translation>与 --screenshot 一起使用：渲染视图 VIEW：table（整个窗口）、diagram、timeline、listeners、counters、sysctls、lab、problems 或 reading。</translation>
    </message>
    <message>
        <source>Watch another network namespace: /proc/PID/ns/net, /run/netns/NAME or NAME.</source>
        <translation>观察另一个网络命名空间：/proc/PID/ns/net、/run/netns/NAME 或 NAME。</translation>
    </message>
    <message>
        <source>Poll every MS milliseconds (default 1000).</source>
        <translation>每 MS 毫秒轮询一次（默认 1000）。</translation>
    </message>
    <message>
        <source>Read exact state transitions from the kernel&apos;s tracepoint (needs CAP_PERFMON or root; otherwise TCP Lens says why and polls).</source>
        <translation>从内核跟踪点读取精确的状态转换（需要 CAP_PERFMON 或 root；否则 TCP Lens 会说明原因并改为轮询）。</translation>
    </message>
    <message>
        <source>Use the light or dark palette, or follow the system, for this run.</source>
        <translation>在这次运行中使用浅色或深色配色，或跟随系统。</translation>
    </message>
    <message>
        <source>With --screenshot: the window&apos;s size, e.g. 1024x700 (default 1400x860).</source>
        <translation>与 --screenshot 一起使用：窗口大小，例如 1024x700（默认 1400x860）。</translation>
    </message>
    <message>
        <source>Open the lab with SCENARIO (a name from `tcplens lab list`, or a scenario file) instead of watching this machine.</source>
        <translation>用场景 SCENARIO 打开实验室（`tcplens lab list` 列出的名称，或一个场景文件），而不是观察这台机器。</translation>
    </message>
    <message>
        <source>With --lab: run its steps at once.</source>
        <translation>与 --lab 一起使用：立即运行它的各个步骤。</translation>
    </message>
    <message>
        <source>With --screenshot: type TEXT into the filter bar first.</source>
        <translation>与 --screenshot 一起使用：先在过滤栏中输入 TEXT。</translation>
    </message>
    <message>
        <source>Speak LANG (en, zh_CN) instead of the preferences&apos; language, here and in every command; &apos;system&apos; follows LANGUAGE, LC_ALL, LC_MESSAGES and LANG.</source>
        <translation>使用语言 LANG（en、zh_CN），而不是首选项中的语言，对窗口和所有命令都有效；&apos;system&apos; 表示跟随 LANGUAGE、LC_ALL、LC_MESSAGES 和 LANG。</translation>
    </message>
    <message>
        <source>With --screenshot: choose the diagnosis&apos;s problem RULE (close-wait-leak, ...; &apos;top&apos; for the most urgent) first: the table shows its rows, &quot;Why Is It Here?&quot; one of them.</source>
        <translation>与 --screenshot 一起使用：先选中诊断中的问题 RULE（close-wait-leak 等；&apos;top&apos; 表示最紧急的那个）：表格显示它涉及的行，“它为什么在这里？”显示其中一行。</translation>
    </message>
    <message>
        <source>Prints one snapshot of the kernel&apos;s TCP sockets (docs/json-schema.md).</source>
        <translation>输出内核 TCP socket 的一份快照（docs/json-schema.md）。</translation>
    </message>
    <message>
        <source>Print one JSON object, compact.</source>
        <translation>输出一个紧凑的 JSON 对象。</translation>
    </message>
    <message>
        <source>Print JSON Lines: a first line with what --json has at the top level, then one socket per line (with --listeners: one listener per line).</source>
        <translation>输出 JSON Lines：第一行是 --json 顶层的内容，之后每行一个 socket（使用 --listeners 时每行一个监听 socket）。</translation>
    </message>
    <message>
        <source>With --json: indent it, four spaces per level.</source>
        <translation>与 --json 一起使用：缩进输出，每层四个空格。</translation>
    </message>
    <message>
        <source>Look into this network namespace: /proc/PID/ns/net, /run/netns/NAME or NAME.</source>
        <translation>查看这个网络命名空间：/proc/PID/ns/net、/run/netns/NAME 或 NAME。</translation>
    </message>
    <message>
        <source>Only listening sockets, with their queues.</source>
        <translation>只显示监听 socket，以及它们的队列。</translation>
    </message>
    <message>
        <source>Do not look up owning processes in /proc.</source>
        <translation>不在 /proc 中查找所属进程。</translation>
    </message>
    <message>
        <source>Prints one JSON line per connection event (opened, transition, closed) until interrupted (docs/json-schema.md).</source>
        <translation>每发生一个连接事件（建立、状态转换、关闭）就输出一行 JSON，直到被中断（docs/json-schema.md）。</translation>
    </message>
    <message>
        <source>Print JSON lines (the only format so far).</source>
        <translation>输出 JSON Lines（目前唯一的格式）。</translation>
    </message>
    <message>
        <source>Watch this network namespace: /proc/PID/ns/net, /run/netns/NAME or NAME.</source>
        <translation>观察这个网络命名空间：/proc/PID/ns/net、/run/netns/NAME 或 NAME。</translation>
    </message>
    <message>
        <source>Poll every MS milliseconds (default 200).</source>
        <translation>每 MS 毫秒轮询一次（默认 200）。</translation>
    </message>
    <message>
        <source>Exact transitions from the tracepoint sock:inet_sock_set_state (root or CAP_PERFMON; without, polling, and a line says why).</source>
        <translation>来自跟踪点 sock:inet_sock_set_state 的精确状态转换（需要 root 或 CAP_PERFMON；没有权限时改为轮询，并输出一行说明原因）。</translation>
    </message>
    <message>
        <source>one snapshot as JSON, or as JSON Lines</source>
        <translation>以 JSON 或 JSON Lines 输出一份快照</translation>
    </message>
    <message>
        <source>one JSON line per connection event, until Ctrl+C</source>
        <translation>每个连接事件输出一行 JSON，直到按 Ctrl+C</translation>
    </message>
    <message>
        <source>the kernel&apos;s TCP counters and what each one means</source>
        <translation>内核的 TCP 计数器，以及每个计数器的含义</translation>
    </message>
    <message>
        <source>TCP sysctls: value, the kernel&apos;s default, what they really do</source>
        <translation>TCP sysctl：当前值、内核默认值、实际作用</translation>
    </message>
    <message>
        <source>what is wrong with the connections, which ones, why, and the fix</source>
        <translation>连接出了什么问题、是哪些连接、为什么，以及解决办法</translation>
    </message>
    <message>
        <source>a lesson played on the real kernel, in a network namespace of its own</source>
        <translation>在真实内核上、在独立网络命名空间中演示的一课</translation>
    </message>
    <message>
        <source>Cannot Open the Recording</source>
        <translation>无法打开录制</translation>
    </message>
    <message>
        <source>A recording to replay (made by tcplens record or File → Record).</source>
        <translation>要回放的录制（由 tcplens record 或“文件 → 录制”生成）。</translation>
    </message>
    <message>
        <source>Record what the window shows into FILE from the start, as File → Record does (it must not exist).</source>
        <translation>从一开始就把窗口显示的内容录制到 FILE，与“文件 → 录制”相同（FILE 不能已存在）。</translation>
    </message>
    <message>
        <source>record what the kernel shows into FILE, until Ctrl+C, to replay or export</source>
        <translation>把内核呈现的内容录制到 FILE，直到按 Ctrl+C，以便回放或导出</translation>
    </message>
    <message>
        <source>a recording&apos;s snapshot, events or samples as JSON or CSV</source>
        <translation>把录制中的快照、事件或采样导出为 JSON 或 CSV</translation>
    </message>
    <message>
        <source>a Prometheus exporter: sockets, listener queues, counters and sysctls at /metrics</source>
        <translation>Prometheus 导出器：在 /metrics 提供 socket、监听队列（全连接队列、半连接队列）、计数器和 sysctl</translation>
    </message>
    <message>
        <source>Watch another machine: run `ssh HOST tcplens agent` there (key login, TCP Lens installed) and show what it sees; HOST is [user@]host[:port]. --netns, --interval and --exact apply there.</source>
        <translation>观察另一台机器：在那里运行 `ssh HOST tcplens agent`（需要密钥登录，并已安装 TCP Lens），并显示它看到的内容；HOST 的格式为 [user@]host[:port]。--netns、--interval 和 --exact 作用于那台机器。</translation>
    </message>
    <message>
        <source>the agent stream on stdout for TCP Lens on another machine (through ssh)</source>
        <translation>在 stdout 上输出代理数据流，供另一台机器上的 TCP Lens 使用（通过 ssh）</translation>
    </message>
    <message>
        <source>Writes what the kernel shows as a binary stream on stdout and reads commands on stdin, for TCP Lens on another machine: tcplens --remote HOST runs `ssh HOST tcplens agent` (docs/agent-protocol.md). Ends when stdin ends.</source>
        <translation>把内核显示的内容以二进制数据流写到 stdout，并从 stdin 读取命令，供另一台机器上的 TCP Lens 使用：tcplens --remote HOST 会运行 `ssh HOST tcplens agent`（docs/agent-protocol.md）。stdin 结束时退出。</translation>
    </message>
    <message>
        <source>Poll every MS milliseconds (default 1000; the viewer may change it).</source>
        <translation>每 MS 毫秒轮询一次（默认 1000；查看端可以修改）。</translation>
    </message>
    <message>
        <source>Exact transitions from the tracepoint sock:inet_sock_set_state (root or CAP_PERFMON; without, polling, and the viewer is told why).</source>
        <translation>来自跟踪点 sock:inet_sock_set_state 的精确状态转换（需要 root 或 CAP_PERFMON；没有权限时改为轮询，并告诉查看端原因）。</translation>
    </message>
</context>
<context>
    <name>tcplens</name>
    <message>
        <source>(not on this kernel)</source>
        <translation>（此内核上没有）</translation>
    </message>
    <message>
        <source>Other counters (shown raw)</source>
        <translation>其他计数器（原样显示）</translation>
    </message>
    <message>
        <source>Prints the kernel&apos;s TCP counters with what each one means.</source>
        <translation>列出内核的 TCP 计数器，以及每个计数器的含义。</translation>
    </message>
    <message>
        <source>Print JSON.</source>
        <translation>输出 JSON。</translation>
    </message>
    <message>
        <source>Also the counters TCP Lens does not explain (JSON always has them).</source>
        <translation>也显示 TCP Lens 不作解释的计数器（JSON 中总是包含它们）。</translation>
    </message>
    <message>
        <source>Read this network namespace&apos;s counters: /proc/PID/ns/net, /run/netns/NAME or NAME.</source>
        <translation>读取这个网络命名空间的计数器：/proc/PID/ns/net、/run/netns/NAME 或 NAME。</translation>
    </message>
    <message>
        <source>Sample twice, SECONDS apart, and print the changes and rates.</source>
        <translation>间隔 SECONDS 秒采样两次，输出变化量和速率。</translation>
    </message>
    <message>
        <source>Records what the kernel shows into FILE until interrupted, to open in the window or export later (docs/recording-format.md).</source>
        <translation>把内核呈现的内容录制到 FILE，直到被中断，之后可在窗口中打开或导出（docs/recording-format.md）。</translation>
    </message>
    <message>
        <source>The recording to make; it must not exist yet.</source>
        <translation>要生成的录制文件；它必须尚不存在。</translation>
    </message>
    <message>
        <source>Record this network namespace: /proc/PID/ns/net, /run/netns/NAME or NAME.</source>
        <translation>录制这个网络命名空间：/proc/PID/ns/net、/run/netns/NAME 或 NAME。</translation>
    </message>
    <message>
        <source>Stop after S seconds (default: at Ctrl+C or SIGTERM).</source>
        <translation>S 秒后停止（默认：收到 Ctrl+C 或 SIGTERM 时）。</translation>
    </message>
    <message>
        <source>Exact transitions from the tracepoint sock:inet_sock_set_state (root or CAP_PERFMON; without, polling, and a line says why).</source>
        <translation>从跟踪点 sock:inet_sock_set_state 读取精确的状态变化（需要 root 或 CAP_PERFMON；否则轮询，并用一行说明原因）。</translation>
    </message>
    <message>
        <source>Poll the sockets every MS milliseconds (default 1000).</source>
        <translation>每 MS 毫秒轮询一次套接字（默认 1000）。</translation>
    </message>
    <message>
        <source>Prints what a recording holds (docs/json-schema.md, &quot;Recordings&quot;).</source>
        <translation>打印录制中的内容（docs/json-schema.md，“Recordings”一节）。</translation>
    </message>
    <message>
        <source>A recording made by tcplens record.</source>
        <translation>由 tcplens record 生成的录制。</translation>
    </message>
    <message>
        <source>One JSON document: a snapshot object, or an array of events or samples.</source>
        <translation>一个 JSON 文档：一个快照对象，或事件、采样的数组。</translation>
    </message>
    <message>
        <source>JSON Lines, as snapshot --jsonl and watch --json print them.</source>
        <translation>JSON Lines，与 snapshot --jsonl 和 watch --json 的输出相同。</translation>
    </message>
    <message>
        <source>Comma-separated values with a header line.</source>
        <translation>带表头行的逗号分隔值（CSV）。</translation>
    </message>
    <message>
        <source>From T: seconds since the recording began, or a time (2026-12-03T04:05:06). Default: its start.</source>
        <translation>从 T 开始：录制开始后的秒数，或一个时间（2026-12-03T04:05:06）。默认：录制的开头。</translation>
    </message>
    <message>
        <source>Up to T, as --from. Default: its end. The snapshot exported is the one in force at --to (or --from).</source>
        <translation>到 T 为止，格式同 --from。默认：录制的结尾。导出的快照是 --to（或 --from）时刻有效的那一份。</translation>
    </message>
    <message>
        <source>snapshot (default): the sockets at one moment; events: connection events; samples: listener queues and counters.</source>
        <translation>snapshot（默认）：某一时刻的套接字；events：连接事件；samples：监听队列和计数器。</translation>
    </message>
</context>
</TS>
