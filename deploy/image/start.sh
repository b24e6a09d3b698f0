#!/bin/sh
# Entry point of the single-user image: give a new home the course
# notebooks (a home volume mounted over /home/jovyan starts empty), then run
# the command (jupyterhub-singleuser under KubeSpawner).
set -e
if [ ! -e "$HOME/notebooks" ]; then
	cp -r /opt/boltzbook/notebooks "$HOME/notebooks"
fi
exec "$@"
