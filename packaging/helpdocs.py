#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# SPDX-FileCopyrightText: 2026 The TCP Lens authors
"""The man page tcplens(1) and the bash and zsh completions, written from the built program's help.

helpdocs.py --binary TCPLENS --version V --metainfo METAINFO --helper-dir DIR --write OUT-DIR
helpdocs.py --binary TCPLENS --version V --metainfo METAINFO --helper-dir DIR --check OUT-DIR

The one source is what `tcplens --help` and each command's --help print (QCommandLineParser's layout:
"Usage:", a description, "Options:" and "Arguments:" sections): the commands are the ones --help
lists, a command's subcommands the bare words that start an alternative of its synopsis there
("validate KEY VALUE"), and every option is described as its --help describes it. Nothing here
names an option, so the page and the completions cannot drift from the program.

--write makes tcplens.1 (and tcplens.1.gz, compressed as Debian wants: gzip -9n), tcplens.bash and
_tcplens in DIR. --check makes them again and fails when DIR's differ, and checks, apart from the
parsing, that every option a --help prints is in the page and in both completions.
CMake runs both (packaging/CMakeLists.txt) with LC_ALL=C.UTF-8, so the texts are the untranslated ones.
"""
import argparse
import gzip
import io
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

PROGRAM = "tcplens"


def run_help(binary, words):
    result = subprocess.run([binary, *words, "--help"], capture_output=True, text=True, timeout=60)
    return result.returncode, result.stdout


class Help:
    """One --help text: usage lines, description paragraphs, options and positional arguments."""

    def __init__(self, text):
        self.text = text
        self.usage = []
        self.description = []
        self.options = []  # (names, value, description): (["-h", "--help"], None, "Displays ...")
        self.arguments = []  # (name, description)
        section = "usage"
        for line in text.splitlines():
            if re.match(r"^(usage|Usage): ", line):
                self.usage.append(line.split(": ", 1)[1].strip())
                continue
            if section == "usage" and self.usage and line.startswith("       ") and line.strip():
                self.usage.append(line.strip())
                continue
            if line in ("Options:", "Arguments:"):
                section = line[:-1].lower()
                continue
            if section in ("usage", "description"):
                section = "description"
                self.description.append(line)
            elif section == "options":
                entry = re.match(r"^  (-\S.*?)(?:\s{2,}(\S.*))?$", line)
                if entry:
                    names, value = [], None
                    for part in entry.group(1).split(", "):
                        name_value = re.match(r"^(-{1,2}[\w-]+)(?: <(.+)>)?$", part.strip())
                        if not name_value:
                            raise ValueError(f"cannot read the option '{part}' in:\n{text}")
                        names.append(name_value.group(1))
                        value = name_value.group(2) or value
                    self.options.append([names, value, entry.group(2) or ""])
                elif line.strip() and self.options:
                    self.options[-1][2] = (self.options[-1][2] + " " + line.strip()).strip()
            elif section == "arguments":
                entry = re.match(r"^  (\S+)(?:\s{2,}(\S.*))?$", line)
                if entry:
                    self.arguments.append([entry.group(1), entry.group(2) or ""])
                elif line.strip() and self.arguments:
                    self.arguments[-1][1] = (self.arguments[-1][1] + " " + line.strip()).strip()
        while self.description and not self.description[-1].strip():
            self.description.pop()

    def paragraphs(self):
        """The description's paragraphs, each one line."""
        text = "\n".join(self.description).strip()
        return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()] if text else []


class Command:
    def __init__(self, words, synopsis, summary, help_text):
        self.words = words  # ["sysctl", "validate"]
        self.synopsis = synopsis
        self.summary = summary
        self.help = Help(help_text)
        self.subcommands = []  # those without a --help of their own

    @property
    def name(self):
        return " ".join([PROGRAM, *self.words])


def collect(binary):
    """The program's help: (the window's Help, [Command...])."""
    status, text = run_help(binary, [])
    if status != 0:
        sys.exit(f"{binary} --help exited {status}")
    main = Help(text)
    # The commands --help lists: "  NAME SYNOPSIS" then "      SUMMARY".
    listed = []
    description = []
    for line in main.description:
        command = re.match(r"^  ([a-z][a-z-]*)(?: (.*))?$", line)
        summary = re.match(r"^      (\S.*)$", line)
        if command:
            listed.append([command.group(1), command.group(2) or "", ""])
        elif summary and listed:
            listed[-1][2] = (listed[-1][2] + " " + summary.group(1)).strip()
        elif not listed:
            description.append(line)
    # Without the line that introduces the list ("Commands that need no display ...:").
    while description and (not description[-1].strip() or description[-1].rstrip().endswith(":")):
        description.pop()
    main.description = description
    if not listed:
        sys.exit(f"{binary} --help lists no command")
    commands = []
    for name, synopsis, summary in listed:
        status, text = run_help(binary, [name])
        if status != 0:
            sys.exit(f"{binary} {name} --help exited {status}")
        command = Command([name], synopsis, summary, text)
        commands.append(command)
        # Subcommands: the bare words that start an alternative of the synopsis.
        for alternative in synopsis.split(" | "):
            first, _, rest = alternative.strip().partition(" ")
            if not re.match(r"^[a-z][a-z-]*$", first):
                continue
            status, text = run_help(binary, [name, first])
            # A subcommand with a --help of its own gets a section; one without (lab list) is the command's.
            if status == 0 and text != command.help.text and Help(text).options:
                commands.append(Command([name, first], rest, "", text))
            else:
                command.subcommands.append(first)
    return main, commands


# ---- the man page ----------------------------------------------------------------------------------

def roff(text):
    """Running text for roff: backslashes escaped, no line starting with a control character."""
    text = text.replace("\\", "\\e")
    text = re.sub(r"(?<![\w/])--?\w[\w-]*", lambda m: m.group(0).replace("-", "\\-"), text)
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def roff_path(path):
    return path.replace("\\", "\\e").replace("-", "\\-")


def option_title(names, value):
    title = ", ".join("\\fB" + name.replace("-", "\\-") + "\\fR" for name in names)
    if value:
        title += " \\fI" + value.replace("-", "\\-") + "\\fR"
    return title


def synopsis_line(words, synopsis):
    out = ".B " + " ".join(words)
    if synopsis:
        out += "\n" + roff(synopsis)
    return out


def release_date(metainfo, version):
    root = ElementTree.parse(metainfo).getroot()
    for release in root.iter("release"):
        if release.get("version") == version:
            return release.get("date"), root.findtext("summary")
    sys.exit(f"{metainfo} has no <release version=\"{version}\">: add it (and to CHANGELOG.md)")


def man_page(main, commands, version, date, summary, helper_dir):
    out = []
    add = out.append
    add(f'.\\" tcplens(1), written by packaging/helpdocs.py from tcplens --help: do not edit.')
    add(f'.TH TCPLENS 1 {date} "tcplens {version}" "User Commands"')
    add(".SH NAME")
    add(f"tcplens \\- {roff(summary[0].lower() + summary[1:])}")
    add(".SH SYNOPSIS")
    add(".B tcplens\n.RI [ options ]")
    for command in commands:
        if len(command.words) == 1:
            add(".br")
            add(synopsis_line([PROGRAM, command.words[0]], command.synopsis))
    add(".SH DESCRIPTION")
    for paragraph in main.paragraphs():
        add(".PP")
        add(roff(paragraph))
    add(".PP")
    add("Without a command, \\fBtcplens\\fR opens its main window, with the options below. "
        "The commands print to the terminal and need no display.")
    add(".SH OPTIONS")
    for names, value, description in main.options:
        add(".TP")
        add(option_title(names, value))
        add(roff(description))
    add(".SH COMMANDS")
    for command in commands:
        add(f'.SS "{command.name}"')
        if command.help.usage:
            add(".nf")
            for usage in command.help.usage:
                # QCommandLineParser names the program by its path ("/usr/bin/tcplens [options]"): the
                # command's name instead. The lab's own usage names it already.
                if not usage.startswith(command.name + " "):
                    usage = re.sub(r"^\S*tcplens\b", command.name, usage)
                add(roff(usage))
            add(".fi")
        if command.summary:
            add(".PP")
            add(roff(command.summary[0].upper() + command.summary[1:]) + ".")
        for paragraph in command.help.paragraphs():
            add(".PP")
            add(roff(paragraph))
        for name, description in command.help.arguments:
            add(".TP")
            add(f"\\fI{roff(name)}\\fR")
            add(roff(description))
        for names, value, description in command.help.options:
            add(".TP")
            add(option_title(names, value))
            add(roff(description))
    add(".SH EXIT STATUS")
    add("0 on success; 2 for an unknown command, option or argument, with one line on standard error. "
        "Each command's section says what else its status means.")
    add(".SH ENVIRONMENT")
    add(".TP\n.B QT_LOGGING_RULES")
    add("Turns on a module's messages, e.g. \\fBtcplens.core.lab.debug=true\\fR (one logging category per "
        "module, \\fBtcplens.core.*\\fR, \\fBtcplens.ui.*\\fR).")
    add(".TP\n.B QT_QPA_PLATFORM")
    add("The display platform; \\fB\\-\\-screenshot\\fR, \\fB\\-\\-help\\fR and the commands need none.")
    add(".SH FILES")
    add(".TP\n.I $XDG_STATE_HOME/tcplens/sysctl\\-journal.json")
    add("Every sysctl change made from the window, so that it can be reverted, also after a restart.")
    add(".TP\n.I $XDG_DATA_HOME/tcplens/lab/*.json")
    add("Your own lab scenarios; one named as a built-in scenario replaces it.")
    add(f".TP\n.I {roff_path(helper_dir)}/tcplens\\-sysctl\\-helper")
    add("The privileged helper that writes a sysctl of the host, started by \\fBpkexec\\fR(1) after polkit's "
        "action \\fBorg.tcplens.TcpLens.sysctl\\-write\\fR allows it.")
    add(f".TP\n.I {roff_path(helper_dir)}/tcplens\\-lab")
    add("The lab's helper, which makes the lab's network namespace and plays scenarios in it.")
    add(".SH SEE ALSO")
    add("\\fBss\\fR(8), \\fBnetstat\\fR(8), \\fBsysctl\\fR(8), \\fBsysctl.d\\fR(5), \\fBtcp\\fR(7), "
        "\\fBpkexec\\fR(1), \\fBnft\\fR(8)")
    add(".PP")
    add("https://tcplens.org")
    return "\n".join(out) + "\n"


# ---- completions ------------------------------------------------------------------------------------

FILE_VALUES = {"FILE", "PATH", "SCENARIO", "FILE.json"}


def keyed(main, commands):
    """Per command ("tcplens" for the window, "tcplens sysctl validate"): (options, {option: value}, subcommands, takes files)."""
    table = {PROGRAM: ([n for o in main.options for n in o[0]], {n: o[1] for o in main.options if o[1] for n in o[0]},
                  [c.words[0] for c in commands if len(c.words) == 1], False)}
    for command in commands:
        key = command.name
        takes_files = any(re.search(r"FILE", name) for name, _ in command.help.arguments) or \
            any(re.search(r"\bFILE", usage) for usage in command.help.usage)
        subcommands = [c.words[1] for c in commands if len(c.words) == 2 and c.words[0] == command.words[0]] \
            if len(command.words) == 1 else []
        subcommands += command.subcommands
        table[key] = ([n for o in command.help.options for n in o[0]],
                      {n: o[1] for o in command.help.options if o[1] for n in o[0]}, subcommands, takes_files)
    return table


def bash_completion(main, commands):
    table = keyed(main, commands)
    out = ["# bash completion for tcplens, written by packaging/helpdocs.py from tcplens --help: do not edit.",
           "_tcplens() {",
           "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}",
           "    local -A options values subcommands files"]
    for key, (options, values, subcommands, takes_files) in table.items():
        out.append(f'    options[{key!r}]="{" ".join(options)}"'.replace("'", '"'))
        out.append(f'    values[{key!r}]=" {" ".join(values)} "'.replace("'", '"'))
        out.append(f'    subcommands[{key!r}]=" {" ".join(subcommands)} "'.replace("'", '"'))
        out.append(f'    files[{key!r}]={int(takes_files)}'.replace("'", '"'))
    file_values = " ".join(sorted({v for _, values, _, _ in table.values() for v in values.values()} & FILE_VALUES))
    out += [
        "    # Which command the words so far name: an option's value is skipped, a subcommand extends it.",
        "    local key=tcplens word i skip=0",
        "    for ((i = 1; i < COMP_CWORD; i++)); do",
        "        word=${COMP_WORDS[i]}",
        "        if [ $skip = 1 ]; then skip=0; continue; fi",
        "        if [[ ${values[$key]} == *\" $word \"* ]]; then skip=1; continue; fi",
        "        [[ $word == -* ]] && continue",
        "        if [[ ${subcommands[$key]} == *\" $word \"* ]]; then key=\"$key $word\"; fi",
        "    done",
        "    if [[ ${values[$key]} == *\" $prev \"* ]]; then",
        "        # The value's name as --help writes it: files for these, nothing to offer for the others.",
        f'        if [[ " {file_values} " == *" $(_tcplens_value "$key" "$prev") "* ]]; then',
        "            compopt -o filenames 2>/dev/null",
        '            COMPREPLY=($(compgen -f -- "$cur"))',
        "        fi",
        "        return",
        "    fi",
        "    if [[ $cur == -* ]]; then",
        '        COMPREPLY=($(compgen -W "${options[$key]}" -- "$cur"))',
        "    else",
        '        COMPREPLY=($(compgen -W "${subcommands[$key]}" -- "$cur"))',
        '        if [ "${files[$key]}" = 1 ]; then',
        "            compopt -o filenames 2>/dev/null",
        '            COMPREPLY+=($(compgen -f -- "$cur"))',
        "        fi",
        "    fi",
        "}",
        "_tcplens_value() {",
        '    case "$1 $2" in']
    for key, (_, values, _, _) in table.items():
        for option, value in values.items():
            out.append(f'    "{key} {option}") echo {value} ;;')
    out += ["    esac", "}", "complete -F _tcplens tcplens", ""]
    return "\n".join(out)


def zsh_quote(text):
    return "'" + text.replace("'", "'\\''") + "'"


def zsh_completion(main, commands):
    table = keyed(main, commands)
    described = {PROGRAM: main.options}
    summaries = {}
    for command in commands:
        described[command.name] = command.help.options
        summaries[command.name] = command.summary or (command.help.paragraphs() or [""])[0]
    out = ["#compdef tcplens", "# zsh completion for tcplens, written by packaging/helpdocs.py from tcplens --help: do not edit.",
           "_tcplens() {",
           "    local -A values subcommands files",
           "    local -a opts subs"]
    # zsh keeps quotes in a subscript as part of the key: the pairs go in one assignment each.
    for name, column in (("values", lambda row: " " + " ".join(row[1]) + " "),
                         ("subcommands", lambda row: " " + " ".join(row[2]) + " "),
                         ("files", lambda row: str(int(row[3])))):
        pairs = [zsh_quote(key) + " " + zsh_quote(column(row)) for key, row in table.items()]
        out.append(f"    {name}=(\n        " + "\n        ".join(pairs) + "\n    )")
    out += [
        "    local key=tcplens word i skip=0",
        "    for (( i = 2; i < CURRENT; i++ )); do",
        "        word=${words[i]}",
        "        if (( skip )); then skip=0; continue; fi",
        '        if [[ ${values[$key]} == *" $word "* ]]; then skip=1; continue; fi',
        "        [[ $word == -* ]] && continue",
        '        if [[ ${subcommands[$key]} == *" $word "* ]]; then key="$key $word"; fi',
        "    done",
        '    if [[ ${values[$key]} == *" ${words[CURRENT-1]} "* ]]; then',
        "        _files",
        "        return",
        "    fi",
        "    case $key in"]
    for key, options in described.items():
        out.append(f"    {zsh_quote(key)})")
        entries = []
        for names, _, description in options:
            first = re.split(r"(?<=\.)\s", description)[0].rstrip(".")
            entries += [zsh_quote(name.replace(":", "\\:") + ":" + first) for name in names]
        out.append("        opts=(" + " ".join(entries) + ")")
        subs = []
        for sub in table[key][2]:
            full = key + " " + sub
            subs.append(zsh_quote(sub + ":" + summaries.get(full, "")))
        out.append("        subs=(" + " ".join(subs) + ") ;;")
    out += [
        "    esac",
        "    if [[ $PREFIX == -* ]]; then",
        "        _describe -t options option opts",
        "    else",
        "        (( ${#subs} )) && _describe -t commands command subs",
        "        (( ${files[$key]} )) && _files",
        "    fi",
        "}",
        '_tcplens "$@"',
        ""]
    return "\n".join(out)


# ---- main ---------------------------------------------------------------------------------------------

def generate(args):
    main, commands = collect(args.binary)
    date, summary = release_date(args.metainfo, args.version)
    return main, commands, {
        "tcplens.1": man_page(main, commands, args.version, date, summary, args.helper_dir),
        "tcplens.bash": bash_completion(main, commands),
        "_tcplens": zsh_completion(main, commands),
    }


def gzipped(text):
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as z:
        z.write(text.encode("utf-8"))
    return buffer.getvalue()


def check(main, commands, files, directory):
    failed = []
    for name, text in files.items():
        path = os.path.join(directory, name)
        try:
            with open(path, encoding="utf-8") as f:
                built = f.read()
        except OSError as error:
            failed.append(f"{path}: {error.strerror} (build the target tcplens_helpdocs)")
            continue
        if built != text:
            failed.append(f"{path} is not what tcplens --help says now: build the target tcplens_helpdocs")
    gz = os.path.join(directory, "tcplens.1.gz")
    if not os.path.exists(gz) or open(gz, "rb").read() != gzipped(files["tcplens.1"]):
        failed.append(f"{gz} is not tcplens.1 compressed")
    # Apart from the parser: every option a --help prints, found with a plain pattern, must be in the
    # man page (once per command that has it) and in both completions.
    helps = [("tcplens", main.text)] + [(c.name, c.help.text) for c in commands]
    page = files["tcplens.1"]
    count = 0
    for name, text in helps:
        for option in re.findall(r"^\s+(?:-\w, )?(--[\w-]+)", text, re.M):
            count += 1
            if option.replace("-", "\\-") not in page:
                failed.append(f"the man page lacks {name}'s {option}")
            for completion in ("tcplens.bash", "_tcplens"):
                if not re.search(r"(?<![\w-])" + re.escape(option) + r"(?![\w-])", files[completion]):
                    failed.append(f"{completion} lacks {name}'s {option}")
        if name != "tcplens" and f'.SS "{name}"' not in page:
            failed.append(f"the man page has no section for {name}")
    for message in failed:
        print("FAIL: " + message)
    if not failed:
        print(f"PASS: tcplens.1, tcplens.bash and _tcplens are what the {len(helps)} --help texts say, "
              f"with their {count} options")
    return not failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--version", required=True)
    parser.add_argument("--metainfo", required=True)
    parser.add_argument("--helper-dir", required=True, help="where the helpers are installed, for FILES")
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", metavar="DIR")
    action.add_argument("--check", metavar="DIR")
    args = parser.parse_args()
    main_help, commands, files = generate(args)
    if args.check:
        sys.exit(0 if check(main_help, commands, files, args.check) else 1)
    os.makedirs(args.write, exist_ok=True)
    for name, text in files.items():
        with open(os.path.join(args.write, name), "w", encoding="utf-8") as f:
            f.write(text)
    with open(os.path.join(args.write, "tcplens.1.gz"), "wb") as f:
        f.write(gzipped(files["tcplens.1"]))


if __name__ == "__main__":
    main()
