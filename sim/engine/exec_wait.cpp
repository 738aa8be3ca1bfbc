// exec_wait.cpp: an exception-free timed wait on an execution (exec_wait.h).
#include "engine/exec_wait.h"

#include <vector>
#include <simgrid/Exception.hpp>
#include <simgrid/s4u/Activity.hpp>
#include <simgrid/s4u/Exec.hpp>

int
gs_exec_wait_done (sg_exec_t exec, double timeout)
{
  std::vector<simgrid::s4u::ActivityPtr> set{ simgrid::s4u::ExecPtr (exec) };
  return simgrid::s4u::Activity::wait_any_for (set, timeout) == 0;
}

int
gs_exec_wait_killable (sg_exec_t exec, double timeout)
{
  try {
    exec->wait_for (timeout);
  } catch (const simgrid::TimeoutException &) {
    return 0;
  }
  return 1;
}

void
gs_exec_release (sg_exec_t exec)
{
  exec->unref ();
}

void
gs_exec_suspend (sg_exec_t exec)
{
  exec->suspend ();
}

void
gs_exec_resume (sg_exec_t exec)
{
  exec->resume ();
}
