#!/usr/bin/env bash
# Makes the example site's broadcast media (content/broadcasts/*/): a poster still for each
# broadcast and one short local clip (sizet.webm, VP9, no sound) whose captions are the
# sizet.<lang>.vtt files beside it. Drawn by ffmpeg (gradients and text), so nothing
# copyrighted is committed. Run it again only to change them: the files are committed.
# Needs Debian's ffmpeg and fonts-dejavu-core.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../content/broadcasts"
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
ff() { ffmpeg -hide_banner -loglevel error -y "$@"; }

# poster <record> <colour1> <colour2> <line 1> <line 2>
poster() {
  local text="drawtext=fontfile=$FONT:fontcolor=white:fontsize=44:x=60:y=h-190:text='$4',"
  text+="drawtext=fontfile=$FONT:fontcolor=white@0.85:fontsize=30:x=60:y=h-120:text='$5'"
  ff -f lavfi -i "gradients=s=960x540:c0=$2:c1=$3:x0=0:y0=0:x1=960:y1=540:nb_colors=2:seed=7,format=yuv420p" \
    -vf "$text" -frames:v 1 -q:v 5 "$1/poster.jpg"
}

poster broadcast-project-start 0x2b3a67 0x9e3039 "Latgales reģionālā TV" "Projekta sākums · Daugavpils 2013"
poster broadcast-first-show 0x7a1f29 0xd8a031 "Es mīlu tevi, Latvija, jo…" "Pirmais šovs · Daugavpils 2014"
poster broadcast-integration-stage 0x1f5f4a 0x2b3a67 "Integrācijas skatuve" "Rēzekne 2015"
poster broadcast-shows-finale 0x3b2b67 0x7a1f29 "Šovu cikla noslēgums" "Rēzekne 2014"

# The clip: 12 s of moving gradients with a lower-third title, 480×270, 15 frames/s.
ff -f lavfi -i "gradients=s=480x270:c0=0x3b2b67:c1=0x7a1f29:c2=0xd8a031:speed=0.02:nb_colors=3:seed=3:d=12:r=15" \
  -vf "drawtext=fontfile=$FONT:fontcolor=white:fontsize=22:x=24:y=h-58:text='Šovu cikla noslēgums · Rēzekne',format=yuv420p" \
  -an -c:v libvpx-vp9 -b:v 0 -crf 45 -deadline good -row-mt 1 broadcast-shows-finale/sizet.webm
